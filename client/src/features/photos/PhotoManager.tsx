import { useRef, useState, type ComponentProps } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  CloseButton,
  FileButton,
  Group,
  Image,
  List,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PHOTO_MAX_BYTES, type TPhoto, type TPhotoSize } from '@shared/contracts/photos';
import { ApiError } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';

const ACCEPT = 'image/jpeg,image/png,image/webp';
const MAX_MEGABYTES = PHOTO_MAX_BYTES / 1024 / 1024;

/** Some phones leave the type empty; the server decides from the content anyway. */
function looksLikePhoto(file: File): boolean {
  return (
    ACCEPT.split(',').includes(file.type) || (file.type === '' && /\.(jpe?g|png|webp)$/i.test(file.name))
  );
}

export interface PhotoActions<T> {
  upload: (file: File) => Promise<T>;
  remove: (photoId: string) => Promise<T>;
  reorder: (photoIds: string[]) => Promise<T>;
  /** Every answer of a saved change, to keep the page's data current. */
  saved: (result: T) => void;
  failed?: (error: unknown) => void;
}

interface PhotoManagerProps<T> {
  photos: readonly TPhoto[];
  max: number;
  urlOf: (photoId: string, size: TPhotoSize) => string;
  actions: PhotoActions<T>;
  /** Why the photos cannot be changed now; they are only shown then. */
  lockedReason?: string;
  /** The first photo is a cover (a product's on catalog cards): say so on it. */
  cover?: boolean;
  testId: string;
}

/** Add (from the gallery or straight from a phone's camera), order and remove photos. */
export function PhotoManager<T>({
  photos,
  max,
  urlOf,
  actions,
  lockedReason,
  cover = false,
  testId,
}: PhotoManagerProps<T>) {
  const { t } = useTranslation();
  const resetPicker = useRef<() => void>(null);
  const resetCamera = useRef<() => void>(null);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [deleting, setDeleting] = useState<string | null>(null);

  const upload = useMutation({
    // One after another, in the order picked: the server appends each to the list.
    mutationFn: async (files: File[]) => {
      for (const file of files) actions.saved(await actions.upload(file));
    },
    onError: actions.failed,
    // The same file may be picked again after a failure.
    onSettled: () => {
      resetPicker.current?.();
      resetCamera.current?.();
    },
  });
  const remove = useMutation({
    mutationFn: actions.remove,
    onSuccess: (result) => {
      actions.saved(result);
      setDeleting(null);
    },
    onError: actions.failed,
  });
  const reorder = useMutation({
    mutationFn: actions.reorder,
    onSuccess: actions.saved,
    onError: actions.failed,
  });
  const busy = upload.isPending || remove.isPending || reorder.isPending;

  const pick = (files: File[]) => {
    upload.reset();
    reorder.reset();
    const problems: string[] = [];
    const fitting = files.filter((file) => {
      if (!looksLikePhoto(file)) problems.push(t('photos.wrongType', { name: file.name }));
      else if (file.size > PHOTO_MAX_BYTES)
        problems.push(t('photos.tooLarge', { name: file.name, max: MAX_MEGABYTES }));
      else return true;
      return false;
    });
    const room = max - photos.length;
    if (fitting.length > room) problems.push(t('photos.tooMany', { max, count: fitting.length - room }));
    setSkipped(problems);
    const accepted = fitting.slice(0, Math.max(room, 0));
    if (accepted.length > 0) upload.mutate(accepted);
  };

  const move = (index: number, by: -1 | 1) => {
    const ids = photos.map((photo) => photo.id);
    [ids[index], ids[index + by]] = [ids[index + by]!, ids[index]!];
    upload.reset();
    reorder.mutate(ids);
  };

  const error = upload.error ?? reorder.error;
  const explained: Record<string, string> = {
    UNSUPPORTED_MEDIA_TYPE: t('photos.rejected'),
    PAYLOAD_TOO_LARGE: t('photos.tooLargeServer', { max: MAX_MEGABYTES }),
    LIMIT_REACHED: t('photos.limitReached', { max }),
    INVALID_STATE: t('photos.locked'),
  };
  const full = photos.length >= max;

  return (
    <Stack gap="sm" data-testid={testId}>
      {photos.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('photos.none')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 2, xs: 3, md: 4 }} spacing="sm">
          {photos.map((photo, index) => (
            <Card
              key={photo.id}
              withBorder
              radius="md"
              p={4}
              data-testid="photo-item"
              data-photo-id={photo.id}
            >
              <Card.Section>
                <Image
                  src={urlOf(photo.id, 'small')}
                  h={120}
                  fit="cover"
                  loading="lazy"
                  alt={t('photos.alt', { number: index + 1 })}
                />
              </Card.Section>
              <Group justify="space-between" gap={2} mt={4} wrap="nowrap" mih={28}>
                {cover && index === 0 ? (
                  <Badge size="xs" variant="light">
                    {t('photos.cover')}
                  </Badge>
                ) : (
                  <span />
                )}
                {!lockedReason && (
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('photos.moveEarlier')}
                      disabled={index === 0 || busy}
                      onClick={() => move(index, -1)}
                    >
                      ←
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('photos.moveLater')}
                      disabled={index === photos.length - 1 || busy}
                      onClick={() => move(index, 1)}
                    >
                      →
                    </ActionIcon>
                    <CloseButton
                      aria-label={t('photos.delete')}
                      disabled={busy}
                      onClick={() => {
                        remove.reset();
                        setDeleting(photo.id);
                      }}
                      data-testid="photo-delete"
                    />
                  </Group>
                )}
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      )}

      {lockedReason ? (
        <Text size="sm" c="dimmed">
          {lockedReason}
        </Text>
      ) : (
        <Stack gap={4}>
          <Group gap="xs">
            <FileButton
              multiple
              accept={ACCEPT}
              onChange={pick}
              resetRef={resetPicker}
              disabled={busy || full}
              inputProps={{ 'data-testid': `${testId}-input` } as ComponentProps<'input'>}
            >
              {(props) => (
                <Button {...props} size="xs" loading={upload.isPending} data-testid={`${testId}-upload`}>
                  {t('photos.add')}
                </Button>
              )}
            </FileButton>
            {/* On a phone, straight to the back camera; desktops have no use for it. */}
            <FileButton
              accept={ACCEPT}
              capture="environment"
              onChange={(file) => file && pick([file])}
              resetRef={resetCamera}
              disabled={busy || full}
            >
              {(props) => (
                <Button {...props} size="xs" variant="light" hiddenFrom="sm">
                  {t('photos.takePhoto')}
                </Button>
              )}
            </FileButton>
          </Group>
          <Text size="xs" c="dimmed">
            {full
              ? t('photos.limitReached', { max })
              : t('photos.addHint', { max: MAX_MEGABYTES, count: max })}
          </Text>
        </Stack>
      )}

      {skipped.length > 0 && (
        <Alert color="orange" variant="light" role="alert" data-testid={`${testId}-skipped`}>
          <List size="sm">
            {skipped.map((problem) => (
              <List.Item key={problem}>{problem}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {error ? (
        <ErrorAlert
          error={error}
          message={error instanceof ApiError ? explained[error.code] : undefined}
          testId={`${testId}-error`}
        />
      ) : null}

      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('photos.deleteTitle')}
        body={t('photos.deleteConfirm')}
        confirmLabel={t('photos.delete')}
        color="red"
        onConfirm={() => deleting && remove.mutate(deleting)}
        loading={remove.isPending}
        error={remove.error}
        errorMessage={remove.error instanceof ApiError ? explained[remove.error.code] : undefined}
        testId="photo-delete-confirm"
      />
    </Stack>
  );
}
