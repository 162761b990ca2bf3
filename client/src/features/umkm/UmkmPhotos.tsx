import { Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { UMKM_PHOTOS_MAX } from '@shared/contracts/photos';
import type { TUmkmProfile } from '@shared/contracts/umkm';
import {
  deleteUmkmPhoto,
  queryKeys,
  reorderUmkmPhotos,
  umkmPhotoUrl,
  uploadUmkmPhoto,
} from '../../api/endpoints';
import { PhotoManager, type PhotoActions } from '../photos/PhotoManager';

/** The business in pictures, for its page in the catalog; owner and staff keep them. */
export function UmkmPhotos({ profile }: { profile: TUmkmProfile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const actions: PhotoActions<TUmkmProfile> = {
    upload: uploadUmkmPhoto,
    remove: deleteUmkmPhoto,
    reorder: (photoIds) => reorderUmkmPhotos({ photoIds }),
    saved: (updated) => {
      queryClient.setQueryData(queryKeys.umkmProfile, updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.umkmPhotos(updated.organisationId) });
    },
  };
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('photos.umkmTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('photos.umkmHint')}
        </Text>
        <PhotoManager
          photos={profile.photos}
          max={UMKM_PHOTOS_MAX}
          urlOf={(photoId, size) => umkmPhotoUrl(profile.organisationId, photoId, size)}
          actions={actions}
          testId="umkm-photos"
        />
      </Stack>
    </Paper>
  );
}
