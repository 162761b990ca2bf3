import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Badge, Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '@shared/money';
import { PRODUCT_STATUSES, ZProductStatus, type TSellerProduct } from '@shared/contracts/products';
import { listMyProducts, queryKeys, type SellerProductFilters } from '../../api/endpoints';
import { PagedList } from '../../components/PagedList';
import { currentLanguage } from '../../i18n';
import { useSession } from '../auth/session';
import { ProductStatusBadge, categoryLabel, formatQuantity, sameContent } from './productDisplay';

const PAGE_SIZE = 20;
const ALL = 'all';

function ProductRow({ product }: { product: TSellerProduct }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { content } = product;
  const unit = t(`products.unitsShort.${content.unit}`);
  const liveDiffers = product.live !== null && !sameContent(product.live, content);
  return (
    <Card
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      component={Link}
      to={`/usaha/produk/${product.id}`}
      data-testid="product-row"
      data-product-id={product.id}
      data-status={product.status}
      style={{ color: 'inherit', textDecoration: 'none' }}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="product-row-name">
            {content.name}
          </Text>
          <ProductStatusBadge status={product.status} testId="product-row-status" />
        </Group>
        <Text size="sm" c="dimmed">
          {categoryLabel(content.category, locale)}
        </Text>
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Text size="sm" fw={500} data-testid="product-row-price">
            {t('products.perUnit', { price: formatRupiah(content.price), unit })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('products.moqShort', { quantity: formatQuantity(content.minimumOrder, locale), unit })}
          </Text>
        </Group>
        {product.live !== null && (
          <Group gap={6}>
            <Badge size="sm" variant="dot" color="green">
              {liveDiffers ? t('products.liveHint') : t('products.live')}
            </Badge>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export function ProductListPage() {
  const me = useSession();
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const isUmkm = me.organisation.kind === 'umkm';
  const statusFilter = ZProductStatus.safeParse(searchParams.get('status'));
  const filters: SellerProductFilters = {
    status: statusFilter.success ? statusFilter.data : undefined,
    limit: PAGE_SIZE,
  };
  const query = useInfiniteQuery({
    queryKey: queryKeys.myProducts(filters),
    queryFn: ({ pageParam, signal }) => listMyProducts(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled: isUmkm,
  });

  if (!isUmkm) {
    return (
      <Alert color="gray" variant="light" data-testid="umkm-only">
        {t('umkmProfile.umkmOnly')}
      </Alert>
    );
  }

  const products = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div style={{ flex: '1 1 20rem' }}>
          <Title order={1} size="h2">
            {t('products.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('products.subtitle')}
          </Text>
        </div>
        <Group gap="xs">
          <Button component={Link} to="/usaha/produk/impor" variant="default" data-testid="product-import">
            {t('productImport.open')}
          </Button>
          <Button component={Link} to="/usaha/produk/baru" data-testid="product-new">
            {t('products.new')}
          </Button>
        </Group>
      </Group>
      {me.organisation.status !== 'verified' && (
        <Alert color="yellow" variant="light" data-testid="product-not-verified">
          {t('products.notVerifiedHint')}
        </Alert>
      )}
      <NativeSelect
        label={t('products.filterStatus')}
        maw={{ base: '100%', xs: 280 }}
        value={statusFilter.success ? statusFilter.data : ALL}
        onChange={(event) => {
          const parsed = ZProductStatus.safeParse(event.currentTarget.value);
          setSearchParams(parsed.success ? { status: parsed.data } : {}, { replace: true });
        }}
        data={[
          { value: ALL, label: t('products.allStatuses') },
          ...PRODUCT_STATUSES.map((value) => ({ value, label: t(`productStatus.${value}`) })),
        ]}
        data-testid="product-filter-status"
      />
      <PagedList
        query={query}
        count={products.length}
        empty={filters.status ? t('products.emptyFiltered') : t('products.empty')}
        testIdPrefix="product"
        listTestId="product-list"
      >
        {products.map((product) => (
          <ProductRow key={product.id} product={product} />
        ))}
      </PagedList>
    </Stack>
  );
}
