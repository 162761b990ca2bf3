import { useState } from 'react';
import { Anchor, Box, Group, Image, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TPhoto, TPhotoSize } from '@shared/contracts/photos';

interface PhotosProps {
  photos: readonly TPhoto[];
  urlOf: (photoId: string, size: TPhotoSize) => string;
  /** What the photos show (product or business name), for their alt text. */
  subject: string;
  testId?: string;
}

/** One large photo (opens the original) and the others as thumbnails to switch to; nothing without photos. */
export function PhotoGallery({ photos, urlOf, subject, testId }: PhotosProps) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState(0);
  const shown = photos[Math.min(selected, photos.length - 1)];
  if (!shown) return null;
  return (
    <Stack gap="xs" data-testid={testId}>
      <Anchor
        href={urlOf(shown.id, 'original')}
        target="_blank"
        rel="noopener"
        aria-label={t('photos.openOriginal')}
      >
        <Image
          src={urlOf(shown.id, 'large')}
          alt={t('photos.altOf', { subject, number: selected + 1 })}
          h={{ base: 240, sm: 340 }}
          fit="contain"
          radius="md"
          bg="gray.1"
          data-testid="photo-large"
        />
      </Anchor>
      {photos.length > 1 && (
        <Group gap={6}>
          {photos.map((photo, index) => (
            <UnstyledButton
              key={photo.id}
              onClick={() => setSelected(index)}
              aria-label={t('photos.show', { number: index + 1 })}
              aria-pressed={photo.id === shown.id}
              style={{
                borderRadius: 6,
                outline: photo.id === shown.id ? '2px solid var(--mantine-primary-color-filled)' : undefined,
              }}
            >
              <Image src={urlOf(photo.id, 'small')} w={64} h={64} fit="cover" radius="sm" alt="" />
            </UnstyledButton>
          ))}
        </Group>
      )}
    </Stack>
  );
}

/** A row of small photos, each opening its original: a version beside another, a seller's page. */
export function PhotoStrip({ photos, urlOf, subject, testId, size = 72 }: PhotosProps & { size?: number }) {
  const { t } = useTranslation();
  if (photos.length === 0) return null;
  return (
    <Group gap={6} data-testid={testId}>
      {photos.map((photo, index) => (
        <Anchor key={photo.id} href={urlOf(photo.id, 'original')} target="_blank" rel="noopener">
          <Image
            src={urlOf(photo.id, 'small')}
            w={size}
            h={size}
            fit="cover"
            radius="sm"
            loading="lazy"
            alt={t('photos.altOf', { subject, number: index + 1 })}
          />
        </Anchor>
      ))}
    </Group>
  );
}

/** The cover of a catalog card, or a quiet placeholder so the cards line up. */
export function PhotoCover({ src, alt }: { src: string | null; alt: string }) {
  const { t } = useTranslation();
  if (!src) {
    return (
      <Box h={160} bg="gray.1" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Text size="xs" c="dimmed">
          {t('photos.none')}
        </Text>
      </Box>
    );
  }
  return <Image src={src} h={160} fit="cover" alt={alt} loading="lazy" data-testid="catalog-card-photo" />;
}
