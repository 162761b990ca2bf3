import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { Alert, Anchor, NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CATALOG_SORTS, ZCatalogQuery } from '@shared/contracts/catalog';
import { ZObjectId } from '@shared/contracts/common';
import {
  listUmkmPhotos,
  queryKeys,
  searchCatalog,
  umkmPhotoUrl,
  type CatalogFilters,
} from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMoreButton } from '../../components/PagedList';
import { PageLoader } from '../../components/PageLoader';
import { PhotoStrip } from '../photos/PhotoGallery';
import { CatalogProductCard } from './CatalogParts';
import { catalogBackPath } from './CatalogProductPage';

const PAGE_SIZE = 24;
const ZSort = ZCatalogQuery.shape.sort.unwrap();

/** One seller's curated products: the catalog with the `seller` filter. */
export function CatalogSellerPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const { sellerId = '' } = useParams();
  const validId = ZObjectId.safeParse(sellerId).success;
  const [sort, setSort] = useState<CatalogFilters['sort']>('newest');
  const filters: CatalogFilters = { seller: sellerId, sort, limit: PAGE_SIZE };
  const query = useInfiniteQuery({
    queryKey: queryKeys.catalogSearch(filters),
    queryFn: ({ pageParam, signal }) => searchCatalog(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled: validId,
  });
  // The business in pictures; a seller with nothing on sale has no page, and its photos answer 404.
  const photos = useQuery({
    queryKey: queryKeys.umkmPhotos(sellerId),
    queryFn: ({ signal }) => listUmkmPhotos(sellerId, signal),
    enabled: validId,
    retry: false,
  });
  const products = query.data?.pages.flatMap((page) => page.items) ?? [];
  const seller = products[0]?.seller;
  const back = (
    <Anchor component={Link} to={catalogBackPath(location.state)} size="sm" data-testid="catalog-back">
      {t('catalog.backToCatalog')}
    </Anchor>
  );

  if (!validId || (query.isSuccess && products.length === 0)) {
    return (
      <Stack gap="md">
        {back}
        <Alert color="gray" variant="light" data-testid="catalog-seller-empty">
          {t('catalog.sellerEmpty')}
        </Alert>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      {back}
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {seller && (
        <div>
          <Text size="sm" c="dimmed">
            {t('catalog.sellerLabel')}
          </Text>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }} data-testid="catalog-seller-name">
            {seller.name}
          </Title>
          {seller.districtName && (
            <Text c="dimmed" size="sm">
              {t('catalog.districtOf', { district: seller.districtName })}
            </Text>
          )}
        </div>
      )}
      {seller && (
        <PhotoStrip
          photos={photos.data?.items ?? []}
          urlOf={(photoId, size) => umkmPhotoUrl(sellerId, photoId, size)}
          subject={seller.name}
          size={112}
          testId="catalog-seller-photos"
        />
      )}
      {products.length > 0 && (
        <>
          <NativeSelect
            label={t('catalog.sort')}
            maw={280}
            value={sort}
            onChange={(event) => {
              const parsed = ZSort.safeParse(event.currentTarget.value);
              if (parsed.success) setSort(parsed.data);
            }}
            data={CATALOG_SORTS.filter((value) => value !== 'relevance').map((value) => ({
              value,
              label: t(`catalog.sorts.${value}`),
            }))}
            data-testid="catalog-sort"
          />
          <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="md" data-testid="catalog-results">
            {products.map((product) => (
              <CatalogProductCard key={product.id} product={product} />
            ))}
          </SimpleGrid>
        </>
      )}
      <LoadMoreButton query={query} testId="catalog-load-more" />
    </Stack>
  );
}
