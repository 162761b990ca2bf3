import { Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PRODUCT_PHOTOS_MAX } from '@shared/contracts/photos';
import { LOCKED_FOR_EDITING, type TSellerProduct } from '@shared/contracts/products';
import { ApiError } from '../../api/client';
import {
  deleteProductPhoto,
  productPhotoUrl,
  queryKeys,
  reorderProductPhotos,
  uploadProductPhoto,
} from '../../api/endpoints';
import { PhotoManager, type PhotoActions } from '../photos/PhotoManager';

/** The working copy's photos, changed under the same rule as its content (a new revision once approved). */
export function ProductPhotos({ product }: { product: TSellerProduct }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const actions: PhotoActions<TSellerProduct> = {
    upload: (file) => uploadProductPhoto(product.id, file),
    remove: (photoId) => deleteProductPhoto(product.id, photoId),
    reorder: (photoIds) => reorderProductPhotos(product.id, { photoIds }),
    saved: (updated) => {
      queryClient.setQueryData(queryKeys.myProduct(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: [...queryKeys.myProductsAll, 'list'] });
    },
    failed: (error) => {
      // Dinkop took the product into curation meanwhile: show it as it is now.
      if (error instanceof ApiError && error.code === 'INVALID_STATE') {
        void queryClient.invalidateQueries({ queryKey: queryKeys.myProduct(product.id) });
      }
    },
  };
  const locked = LOCKED_FOR_EDITING.includes(product.status);
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('photos.productTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {product.status === 'approved' ? t('photos.productHintLive') : t('photos.productHint')}
        </Text>
        <PhotoManager
          photos={product.content.photos}
          max={PRODUCT_PHOTOS_MAX}
          urlOf={(photoId, size) => productPhotoUrl(product.id, photoId, size)}
          actions={actions}
          lockedReason={locked ? t('photos.locked') : undefined}
          cover
          testId="product-photos"
        />
      </Stack>
    </Paper>
  );
}
