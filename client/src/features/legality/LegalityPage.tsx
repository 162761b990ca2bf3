import { useRef, useState, type ComponentProps, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  FileButton,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { formatDateTimeWib, formatDateWib, todayInWib } from '@shared/time';
import {
  LEGALITY_FILE_MAX_BYTES,
  ZCreateLegalityDocumentRequest,
  type TLegalityDocument,
  type ZExpiryStatus,
} from '@shared/contracts/legality';
import {
  LEGALITY_DOCUMENT_LABELS,
  LEGALITY_DOCUMENT_TYPES,
  ZLegalityDocumentType,
  ZLegalityNumberInput,
  type TLegalityDocumentType,
} from '@shared/legality/documents';
import { ApiError } from '../../api/client';
import {
  createLegalityDocument,
  deleteLegalityDocument,
  legalityFileUrl,
  listLegalityDocuments,
  queryKeys,
  uploadLegalityFile,
} from '../../api/endpoints';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InfoRow } from '../../components/InfoRow';
import { PageLoader } from '../../components/PageLoader';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { currentLanguage } from '../../i18n';
import { useSession } from '../auth/session';
import { DocumentProducts, DocumentProductsField } from './DocumentProducts';

type TExpiryStatus = z.infer<typeof ZExpiryStatus>;
type TLocale = ReturnType<typeof currentLanguage>;

const EXPIRY_COLOR: Record<TExpiryStatus, string> = {
  no_expiry: 'gray',
  valid: 'green',
  expiring_soon: 'yellow',
  expired: 'red',
};

const FIELD_KEYS = ['type', 'number', 'issuer', 'issuedOn', 'expiresOn'];

/** What the file picker offers; the server decides from the content, this only catches the obvious. */
const FILE_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const FILE_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png'];
const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/**
 * The client cannot check the P-IRT regency code (the region list lives on the server), so it accepts
 * any and the server reports an unknown one on the same field.
 */
const ZNumberOnClient = ZLegalityNumberInput({ regencyExists: () => true });

function typeLabel(type: TLegalityDocumentType, locale: TLocale): string {
  return LEGALITY_DOCUMENT_LABELS[type][locale];
}

function formatBytes(bytes: number, locale: TLocale): string {
  const number = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${number.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${number.format(bytes / 1024)} KB`;
  return `${number.format(bytes / 1024 / 1024)} MB`;
}

function fileFormat(contentType: string): string {
  if (contentType === 'application/pdf') return 'PDF';
  if (contentType === 'image/jpeg') return 'JPG';
  if (contentType === 'image/png') return 'PNG';
  return contentType;
}

/** Documents in the order of LEGALITY_DOCUMENT_TYPES (NIB first), oldest first within a type. */
function sortDocuments(items: readonly TLegalityDocument[]): TLegalityDocument[] {
  const rank = (type: TLegalityDocumentType) => LEGALITY_DOCUMENT_TYPES.indexOf(type);
  return [...items].sort((a, b) => rank(a.type) - rank(b.type) || a.createdAt.localeCompare(b.createdAt));
}

function ExpiryBadge({ status }: { status: TExpiryStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={EXPIRY_COLOR[status]} variant="light" data-testid="legality-expiry" data-status={status}>
      {t(`labels.expiryStatuses.${status}`)}
    </Badge>
  );
}

function AddDocumentForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const queryClient = useQueryClient();
  const [type, setType] = useState<TLegalityDocumentType | ''>('');
  const [number, setNumber] = useState('');
  const [issuer, setIssuer] = useState('');
  const [issuedOn, setIssuedOn] = useState('');
  const [noExpiry, setNoExpiry] = useState(false);
  const [expiresOn, setExpiresOn] = useState('');
  const [productIds, setProductIds] = useState<string[]>([]);
  const fields = useFieldErrors();
  const today = todayInWib();

  const mutation = useMutation({
    mutationFn: createLegalityDocument,
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.legalityDocuments });
      notifications.show({
        color: 'green',
        message: t('legality.created', { type: typeLabel(created.type, locale) }),
      });
      onDone();
    },
    onError: (error) => fields.setServer(serverFieldErrors(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
    const body = { type, number, issuer, issuedOn, expiresOn: noExpiry ? null : expiresOn, productIds };
    const result = validate(ZCreateLegalityDocumentRequest, body, t);
    const errors = result.ok ? {} : { ...result.errors };
    // The number's format per type, as the server checks it (but for the P-IRT regency code).
    if (type) {
      const checked = validate(ZNumberOnClient, { type, number }, t);
      if (!checked.ok) Object.assign(errors, checked.errors);
    } else errors.type = t('legality.typeRequired');
    if (!issuedOn) errors.issuedOn = t('validation.required');
    else if (issuedOn > today) errors.issuedOn = t('legality.issuedInFuture');
    if (!noExpiry && !expiresOn) errors.expiresOn = t('validation.required');
    fields.setErrors(errors);
    focusFirstInvalid(form);
    if (result.ok && Object.keys(errors).length === 0) mutation.mutate(result.data);
  };

  const duplicate = mutation.error instanceof ApiError && mutation.error.code === 'ALREADY_EXISTS';

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
      <form onSubmit={submit} noValidate data-testid="legality-form">
        <Stack gap="sm">
          <div>
            <Title order={2} size="h4">
              {t('legality.addTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('legality.addHint')}
            </Text>
          </div>
          <NativeSelect
            label={t('legality.type')}
            required
            value={type}
            onChange={(event) => {
              const parsed = ZLegalityDocumentType.safeParse(event.currentTarget.value);
              setType(parsed.success ? parsed.data : '');
              fields.clear('type');
              fields.clear('number');
            }}
            error={fields.errorOf('type')}
            data={[
              { value: '', label: t('legality.chooseType'), disabled: true },
              ...LEGALITY_DOCUMENT_TYPES.map((value) => ({ value, label: typeLabel(value, locale) })),
            ]}
            data-testid="legality-type"
          />
          <TextInput
            label={t('legality.number')}
            description={type ? t(`legality.numberHints.${type}`) : t('legality.numberHintNoType')}
            required={type !== 'other'}
            autoComplete="off"
            maxLength={200}
            value={number}
            {...fields.bind('number', setNumber)}
            data-testid="legality-number"
          />
          <TextInput
            label={t('legality.issuer')}
            description={t('legality.issuerHint')}
            required
            maxLength={160}
            value={issuer}
            {...fields.bind('issuer', setIssuer)}
            data-testid="legality-issuer"
          />
          <TextInput
            type="date"
            label={t('legality.issuedOn')}
            required
            max={today}
            value={issuedOn}
            {...fields.bind('issuedOn', setIssuedOn)}
            data-testid="legality-issued-on"
          />
          <Checkbox
            label={t('legality.noExpiry')}
            checked={noExpiry}
            onChange={(event) => {
              setNoExpiry(event.currentTarget.checked);
              fields.clear('expiresOn');
            }}
            data-testid="legality-no-expiry"
          />
          {!noExpiry && (
            <TextInput
              type="date"
              label={t('legality.expiresOn')}
              required
              min={issuedOn || undefined}
              value={expiresOn}
              {...fields.bind('expiresOn', setExpiresOn)}
              data-testid="legality-expires-on"
            />
          )}
          <DocumentProductsField value={productIds} onChange={setProductIds} />
          {mutation.isError && (
            <ErrorAlert
              error={mutation.error}
              message={duplicate ? t('legality.duplicate') : undefined}
              showIssues
              fieldKeys={FIELD_KEYS}
            />
          )}
          <FormActions
            onCancel={onDone}
            pending={mutation.isPending}
            submitLabel={t('legality.submit')}
            testId="legality-submit"
          />
        </Stack>
      </form>
    </Paper>
  );
}

function FileSection({ document }: { document: TLegalityDocument }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const queryClient = useQueryClient();
  const resetRef = useRef<() => void>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  const maxSize = formatBytes(LEGALITY_FILE_MAX_BYTES, locale);

  const mutation = useMutation({
    mutationFn: (file: File) => uploadLegalityFile(document.id, file),
    onSuccess: (updated) => {
      queryClient.setQueryData<{ items: TLegalityDocument[] }>(queryKeys.legalityDocuments, (current) =>
        current ? { items: current.items.map((item) => (item.id === updated.id ? updated : item)) } : current,
      );
      notifications.show({ color: 'green', message: t('legality.uploaded') });
    },
    // The same file may be picked again after it was fixed.
    onSettled: () => resetRef.current?.(),
  });

  const pick = (file: File | null) => {
    if (!file) return;
    mutation.reset();
    const extension = file.name.includes('.') ? (file.name.split('.').pop() ?? '').toLowerCase() : '';
    let problem: string | null = null;
    if (file.size === 0) problem = t('legality.fileEmpty', { name: file.name });
    else if (file.size > LEGALITY_FILE_MAX_BYTES)
      problem = t('legality.fileTooLarge', {
        name: file.name,
        size: formatBytes(file.size, locale),
        max: maxSize,
      });
    else if (!FILE_TYPES.includes(file.type) && !FILE_EXTENSIONS.includes(extension))
      problem = t('legality.fileWrongType', { name: file.name });
    setClientError(problem);
    if (problem) resetRef.current?.();
    else mutation.mutate(file);
  };

  const serverMessage =
    mutation.error instanceof ApiError
      ? mutation.error.code === 'UNSUPPORTED_MEDIA_TYPE'
        ? t('legality.fileRejected')
        : mutation.error.code === 'PAYLOAD_TOO_LARGE'
          ? t('legality.fileTooLargeServer', { max: maxSize })
          : undefined
      : undefined;

  return (
    <Stack gap="xs">
      <div>
        <Text size="sm" fw={600}>
          {t('legality.file')}
        </Text>
        <Text size="sm" c={document.file ? undefined : 'dimmed'} data-testid="legality-file-status">
          {document.file
            ? t('legality.fileInfo', {
                format: fileFormat(document.file.contentType),
                size: formatBytes(document.file.size, locale),
                date: formatDateTimeWib(document.file.uploadedAt, locale),
              })
            : t('legality.noFile')}
        </Text>
      </div>
      <Group gap="xs">
        {document.file && (
          <Button
            component="a"
            href={legalityFileUrl(document.id)}
            download
            size="xs"
            variant="light"
            data-testid="legality-download"
          >
            {t('legality.download')}
          </Button>
        )}
        <FileButton
          onChange={pick}
          accept={FILE_ACCEPT}
          resetRef={resetRef}
          disabled={mutation.isPending}
          inputProps={{ 'data-testid': 'legality-file-input' } as ComponentProps<'input'>}
        >
          {(props) => (
            <Button
              {...props}
              size="xs"
              variant={document.file ? 'default' : 'filled'}
              loading={mutation.isPending}
              data-testid="legality-upload"
            >
              {document.file ? t('legality.replace') : t('legality.upload')}
            </Button>
          )}
        </FileButton>
      </Group>
      <Text size="xs" c="dimmed">
        {t('legality.fileHint', { max: maxSize })}
      </Text>
      {clientError && (
        <Alert color="red" variant="light" role="alert" data-testid="legality-file-error">
          <Text size="sm">{clientError}</Text>
        </Alert>
      )}
      {mutation.isError && (
        <ErrorAlert error={mutation.error} message={serverMessage} testId="legality-file-error" />
      )}
    </Stack>
  );
}

function DocumentCard({ document, onDelete }: { document: TLegalityDocument; onDelete: () => void }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return (
    <Card
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      data-testid="legality-row"
      data-document-type={document.type}
      data-document-number={document.number}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Text fw={600} style={{ flex: '1 1 12rem' }}>
            {typeLabel(document.type, locale)}
          </Text>
          <ExpiryBadge status={document.expiryStatus} />
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="sm">
          <Stack gap={0}>
            <InfoRow label={t('legality.number')} testId="legality-row-number">
              {document.number}
            </InfoRow>
            <InfoRow label={t('legality.issuer')}>{document.issuer}</InfoRow>
            <InfoRow label={t('legality.issuedOn')} testId="legality-row-issued-on">
              {formatDateWib(document.issuedOn, locale)}
            </InfoRow>
            <InfoRow label={t('legality.expiresOn')} testId="legality-row-expires-on">
              {document.expiresOn ? formatDateWib(document.expiresOn, locale) : t('legality.noExpiryValue')}
            </InfoRow>
          </Stack>
          <Paper bg="var(--mantine-color-default-hover)" radius="sm" p="sm">
            <FileSection document={document} />
          </Paper>
        </SimpleGrid>
        <DocumentProducts document={document} />
        <Group justify="flex-end" mt={-4}>
          <Button size="xs" variant="subtle" color="red" onClick={onDelete} data-testid="legality-delete">
            {t('legality.delete')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function LegalityPage() {
  const me = useSession();
  const { t } = useTranslation();
  const locale = currentLanguage();
  const queryClient = useQueryClient();
  const isUmkm = me.organisation.kind === 'umkm';
  const query = useQuery({
    queryKey: queryKeys.legalityDocuments,
    queryFn: listLegalityDocuments,
    enabled: isUmkm,
  });
  const [adding, setAdding] = useState<boolean | null>(null);
  const [deleting, setDeleting] = useState<TLegalityDocument | null>(null);

  const deleteMutation = useMutation({
    mutationFn: (document: TLegalityDocument) => deleteLegalityDocument(document.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.legalityDocuments });
      notifications.show({ color: 'green', message: t('legality.deleted') });
      setDeleting(null);
    },
  });

  if (!isUmkm) {
    return (
      <Alert color="gray" variant="light" data-testid="umkm-only">
        {t('umkmProfile.umkmOnly')}
      </Alert>
    );
  }

  const items = query.data ? sortDocuments(query.data.items) : [];
  // Open at first for a seller with no documents yet; after that, as the seller chooses.
  const formOpen = adding ?? (query.data !== undefined && items.length === 0);
  const attention = items.filter(
    (item) => item.expiryStatus === 'expired' || item.expiryStatus === 'expiring_soon',
  ).length;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div style={{ flex: '1 1 20rem' }}>
          <Title order={1} size="h2">
            {t('legality.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('legality.subtitle')}
          </Text>
        </div>
        {query.data && !formOpen && (
          <Button onClick={() => setAdding(true)} data-testid="legality-add">
            {t('legality.add')}
          </Button>
        )}
      </Group>
      {attention > 0 && (
        <Alert color="yellow" variant="light" data-testid="legality-attention">
          {t('legality.attention', { count: attention })}
        </Alert>
      )}
      {formOpen && <AddDocumentForm onDone={() => setAdding(false)} />}
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && items.length === 0 && (
        <Text c="dimmed" ta="center" py="md" data-testid="legality-empty">
          {t('legality.empty')}
        </Text>
      )}
      <Stack gap="md" data-testid="legality-list">
        {items.map((document) => (
          <DocumentCard
            key={document.id}
            document={document}
            onDelete={() => {
              deleteMutation.reset();
              setDeleting(document);
            }}
          />
        ))}
      </Stack>
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('legality.deleteTitle')}
        body={
          deleting
            ? t('legality.deleteConfirm', {
                type: typeLabel(deleting.type, locale),
                number: deleting.number,
              })
            : ''
        }
        confirmLabel={t('legality.delete')}
        color="red"
        onConfirm={() => deleting && deleteMutation.mutate(deleting)}
        loading={deleteMutation.isPending}
        error={deleteMutation.error}
        testId="legality-delete-confirm"
      />
    </Stack>
  );
}
