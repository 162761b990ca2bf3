import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTimeWib } from '@shared/time';
import { LOCKED_FOR_EDITING, type TSellerProduct } from '@shared/contracts/products';
import { LEGALITY_DOCUMENT_LABELS } from '@shared/legality/documents';
import { canMove } from '@shared/states/product';
import { ApiError } from '../../api/client';
import {
  deleteMyProduct,
  getMyProduct,
  productPhotoUrl,
  queryKeys,
  submitMyProduct,
} from '../../api/endpoints';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { currentLanguage } from '../../i18n';
import { localiseSharedMessage } from '../../i18n/messages';
import { useSession } from '../auth/session';
import { ProductContentView } from './ProductContentView';
import { ProductForm } from './ProductForm';
import { ProductHistory } from './ProductHistory';
import { ProductPhotos } from './ProductPhotos';
import { PhotoStrip } from '../photos/PhotoGallery';
import { ProductStatusBadge, sameContent } from './productDisplay';

const listsKey = [...queryKeys.myProductsAll, 'list'];

function MissingLegality({ product }: { product: TSellerProduct }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return (
    <Alert
      color="orange"
      variant="light"
      title={t('products.missingTitle')}
      data-testid="product-missing-legality"
    >
      <Stack gap="xs">
        <Text size="sm">{t('products.missingIntro')}</Text>
        <List size="sm" spacing={6}>
          {product.missingLegality.map((missing) => {
            const documents = missing.anyOf.map((type) => LEGALITY_DOCUMENT_LABELS[type][locale]);
            return (
              <List.Item key={missing.reason} data-testid="product-missing-item">
                <Text size="sm" fw={600}>
                  {localiseSharedMessage(missing.reason)}
                </Text>
                <Text size="xs" c="dimmed">
                  {documents.length === 1
                    ? t('products.missingDocument', { document: documents.join('') })
                    : t('products.missingAnyOf', { documents: documents.join(', ') })}
                </Text>
              </List.Item>
            );
          })}
        </List>
        <Text size="sm">{t('products.missingOutro')}</Text>
        <div>
          <Button
            component={Link}
            to="/usaha/legalitas"
            size="xs"
            variant="white"
            color="orange"
            data-testid="product-open-legality"
          >
            {t('products.openLegality')}
          </Button>
        </div>
      </Stack>
    </Alert>
  );
}

/** The live version was taken off sale because its legality lapsed: say why and where to fix it. */
function OffSale({ reasons }: { reasons: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" title={t('products.offSaleTitle')} data-testid="product-off-sale">
      <Stack gap="xs">
        <Text size="sm">{t('products.offSaleBody')}</Text>
        <List size="sm" spacing={4}>
          {reasons.map((reason) => (
            <List.Item key={reason}>{localiseSharedMessage(reason)}</List.Item>
          ))}
        </List>
        <div>
          <Button component={Link} to="/usaha/legalitas" size="xs" variant="white" color="red">
            {t('products.openLegality')}
          </Button>
        </div>
      </Stack>
    </Alert>
  );
}

function NotVerified() {
  const { t } = useTranslation();
  return (
    <Alert
      color="yellow"
      variant="light"
      title={t('products.notVerifiedTitle')}
      data-testid="product-not-verified"
    >
      <Stack gap="xs">
        <Text size="sm">{t('products.notVerified')}</Text>
        <Group gap="xs">
          <Button component={Link} to="/usaha/profil" size="xs" variant="white" color="yellow">
            {t('nav.umkmProfile')}
          </Button>
          <Button component={Link} to="/usaha/legalitas" size="xs" variant="white" color="yellow">
            {t('nav.legality')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function ProductDetail({ product }: { product: TSellerProduct }) {
  const me = useSession();
  const { t } = useTranslation();
  const locale = currentLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const store = (updated: TSellerProduct) => {
    queryClient.setQueryData(queryKeys.myProduct(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: listsKey });
  };

  const submitMutation = useMutation({
    mutationFn: () => submitMyProduct(product.id),
    onSuccess: (updated) => {
      store(updated);
      notifications.show(
        updated.status === 'needs_legality'
          ? { color: 'orange', message: t('products.submittedNeedsLegality') }
          : { color: 'green', message: t('products.submitted') },
      );
    },
    onError: (error) => {
      // Someone else moved it meanwhile (another device, or Dinkop): show it as it is now.
      if (error instanceof ApiError && error.code === 'INVALID_STATE') {
        void queryClient.invalidateQueries({ queryKey: queryKeys.myProduct(product.id) });
      }
    },
  });

  const deleteMutation = useMutation({
    mutationFn: () => deleteMyProduct(product.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.myProduct(product.id) });
      void queryClient.invalidateQueries({ queryKey: listsKey });
      notifications.show({ color: 'green', message: t('products.deleted') });
      void navigate('/usaha/produk', { replace: true });
    },
  });

  const locked = LOCKED_FOR_EDITING.includes(product.status);
  const canSubmit = canMove('submit', product.status);
  const canDelete = product.live === null && !locked;
  const liveDiffers = product.live !== null && !sameContent(product.live, product.content);
  const notVerifiedError =
    submitMutation.error instanceof ApiError && submitMutation.error.code === 'ORGANISATION_NOT_VERIFIED';
  const deleteRefused =
    deleteMutation.error instanceof ApiError && deleteMutation.error.code === 'INVALID_STATE';

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/usaha/produk" size="sm">
          ← {t('products.backToList')}
        </Anchor>
        <Group justify="space-between" align="flex-start" gap="xs" mt={4}>
          <Title order={1} size="h2" style={{ flex: '1 1 16rem', overflowWrap: 'anywhere' }}>
            {product.content.name}
          </Title>
          <Group gap={6}>
            <ProductStatusBadge status={product.status} testId="product-status" />
            <Badge variant="outline" color="gray">
              {t('products.revision', { revision: product.revision })}
            </Badge>
          </Group>
        </Group>
        <Text c="dimmed" size="sm" mt={4} data-testid="product-status-hint">
          {t(`products.statusHints.${product.status}`)}
        </Text>
      </div>

      {!editing && (
        <Group gap="xs">
          {canSubmit && (
            <Button
              onClick={() => submitMutation.mutate()}
              loading={submitMutation.isPending}
              data-testid="product-submit"
            >
              {product.status === 'draft' ? t('products.submit') : t('products.resubmit')}
            </Button>
          )}
          <Button
            variant="light"
            onClick={() => {
              submitMutation.reset();
              setEditing(true);
            }}
            disabled={locked}
            data-testid="product-edit"
          >
            {t('products.edit')}
          </Button>
          {canDelete && (
            <Button
              variant="subtle"
              color="red"
              onClick={() => {
                deleteMutation.reset();
                setDeleting(true);
              }}
              data-testid="product-delete"
            >
              {t('products.delete')}
            </Button>
          )}
        </Group>
      )}

      {locked && (
        <Alert color="blue" variant="light" data-testid="product-locked">
          {t('products.locked', { status: t(`productStatus.${product.status}`) })}
        </Alert>
      )}
      {canSubmit && !editing && (notVerifiedError || me.organisation.status !== 'verified') && (
        <NotVerified />
      )}
      {submitMutation.isError && !notVerifiedError && (
        <ErrorAlert error={submitMutation.error} testId="product-submit-error" />
      )}
      {product.status === 'needs_legality' && product.missingLegality.length > 0 && (
        <MissingLegality product={product} />
      )}
      {product.listing && !product.listing.listed && <OffSale reasons={product.listing.offSaleReasons} />}

      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
        {editing ? (
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('products.editTitle')}
            </Title>
            <ProductForm
              product={product}
              onSaved={() => setEditing(false)}
              onCancel={() => setEditing(false)}
            />
          </Stack>
        ) : (
          <Stack gap="xs">
            <Title order={2} size="h4">
              {t('products.contentTitle')}
            </Title>
            <ProductContentView content={product.content} testId="product-content" />
          </Stack>
        )}
      </Paper>

      <ProductPhotos product={product} />

      {product.live && liveDiffers && (
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} data-testid="product-live">
          <Stack gap="xs">
            <Group gap="xs">
              <Title order={2} size="h4">
                {t('products.liveTitle')}
              </Title>
              <Badge size="sm" variant="dot" color="green">
                {t('products.live')}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {t('products.liveDiffers')}
            </Text>
            <ProductContentView content={product.live} />
            <PhotoStrip
              photos={product.live.photos}
              urlOf={(photoId, size) => productPhotoUrl(product.id, photoId, size)}
              subject={product.live.name}
              testId="product-live-photos"
            />
          </Stack>
        </Paper>
      )}

      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('products.historyTitle')}
          </Title>
          <ProductHistory history={product.history} />
        </Stack>
      </Paper>

      <Text size="xs" c="dimmed">
        {t('products.createdAt')}: {formatDateTimeWib(product.createdAt, locale)} · {t('products.updatedAt')}:{' '}
        {formatDateTimeWib(product.updatedAt, locale)}
      </Text>

      <ConfirmModal
        opened={deleting}
        onClose={() => setDeleting(false)}
        title={t('products.deleteTitle')}
        body={t('products.deleteConfirm', { name: product.content.name })}
        confirmLabel={t('products.delete')}
        color="red"
        onConfirm={() => deleteMutation.mutate()}
        loading={deleteMutation.isPending}
        error={deleteMutation.error}
        errorMessage={deleteRefused ? t('products.deleteNotAllowed') : undefined}
        testId="product-delete-confirm"
      />
    </Stack>
  );
}

export function ProductDetailPage() {
  const me = useSession();
  const { t } = useTranslation();
  const { productId = '' } = useParams();
  const isUmkm = me.organisation.kind === 'umkm';
  const query = useQuery({
    queryKey: queryKeys.myProduct(productId),
    queryFn: () => getMyProduct(productId),
    enabled: isUmkm,
  });

  if (!isUmkm) {
    return (
      <Alert color="gray" variant="light" data-testid="umkm-only">
        {t('umkmProfile.umkmOnly')}
      </Alert>
    );
  }
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    const missing =
      query.error instanceof ApiError && ['NOT_FOUND', 'VALIDATION_FAILED'].includes(query.error.code);
    return (
      <Stack gap="md">
        <Anchor component={Link} to="/usaha/produk" size="sm">
          ← {t('products.backToList')}
        </Anchor>
        <ErrorAlert
          error={query.error}
          // A malformed id in the address is the same as a product that does not exist.
          message={missing ? t('errors.NOT_FOUND') : undefined}
          onRetry={missing ? undefined : () => void query.refetch()}
        />
      </Stack>
    );
  }
  // Keyed so a different product (or one deleted and recreated) starts with a fresh page state.
  return <ProductDetail key={query.data.id} product={query.data} />;
}
