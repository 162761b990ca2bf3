import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Badge, Card, Group, NativeSelect, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { PRODUCT_CATEGORY_IDS, ZProductCategory } from '@shared/catalog/categories';
import { type ZCurationProduct, ZListCurationQueueQuery } from '@shared/contracts/products';
import { formatRupiah } from '@shared/money';
import { formatDateTimeWib } from '@shared/time';
import { listCurationQueue, queryKeys, type CurationQueueFilters } from '../../api/endpoints';
import { PagedList } from '../../components/PagedList';
import { currentLanguage } from '../../i18n';
import { useSession } from '../auth/session';
import { categoryLabel } from '../catalog/catalogFormat';
import { DistrictSelect, unitLabel } from '../catalog/CatalogParts';
import { ProductStatusBadge, waitingColor, waitingTime } from './curationParts';
import { canCurateProducts } from './access';

type TCurationProduct = z.infer<typeof ZCurationProduct>;

const PAGE_SIZE = 20;
const ZQueueStatus = ZListCurationQueueQuery.shape.status.unwrap();
const QUEUE_STATUSES = ZQueueStatus.options;
const DISTRICT_CODE = /^\d{2}\.\d{2}\.\d{2}$/;

/** The queue's tab and filters are in the address bar, so coming back from a review keeps them. */
function filtersFrom(params: URLSearchParams): CurationQueueFilters {
  const status = ZQueueStatus.safeParse(params.get('status'));
  const category = ZProductCategory.safeParse(params.get('category'));
  const districtCode = params.get('districtCode') ?? '';
  return {
    status: status.success ? status.data : 'submitted',
    category: category.success ? category.data : undefined,
    districtCode: DISTRICT_CODE.test(districtCode) ? districtCode : undefined,
    limit: PAGE_SIZE,
  };
}

/** Who took the product into review, from the last move to in_review. */
function reviewer(product: TCurationProduct) {
  return product.history.findLast((entry) => entry.to === 'in_review') ?? null;
}

function QueueRow({ product }: { product: TCurationProduct }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const content = product.content;
  const waiting = product.submittedAt ? waitingTime(product.submittedAt, locale) : null;
  const inReview = product.status === 'in_review' ? reviewer(product) : null;
  return (
    // The whole row is one link to the review page: a tap anywhere on it opens the product.
    <Card
      withBorder
      radius="md"
      p="md"
      component={Link}
      to={`/dinkop/kurasi/${product.id}`}
      style={{ color: 'inherit', textDecoration: 'none' }}
      data-testid="curation-row"
      data-product-id={product.id}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Text
            fw={700}
            style={{ overflowWrap: 'anywhere', flex: '1 1 14rem' }}
            data-testid="curation-row-name"
          >
            {content.name}
          </Text>
          <Group gap={4}>
            {product.live && (
              <Badge variant="outline" color="gray" size="sm">
                {t('curation.updateOfListed')}
              </Badge>
            )}
            <ProductStatusBadge status={product.status} testId="curation-row-status" />
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {categoryLabel(content.category, locale)} ·{' '}
          {t('catalog.pricePer', { price: formatRupiah(content.price), unit: unitLabel(content.unit, t) })}
        </Text>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {product.seller?.name ?? t('curation.unknownSeller')}
          {product.seller?.districtName ? ` · ${product.seller.districtName}` : ''}
        </Text>
        <Group gap="xs" justify="space-between" align="center">
          <Group gap="xs">
            {waiting && (
              <Badge color={waitingColor(waiting.days)} variant="light" data-testid="curation-row-waiting">
                {t('curation.waiting', { duration: waiting.text })}
              </Badge>
            )}
            {product.submittedAt && (
              <Text size="xs" c="dimmed">
                {t('curation.submittedAt', { date: formatDateTimeWib(product.submittedAt, locale) })}
              </Text>
            )}
          </Group>
          <Text size="sm" fw={600} c="green.8" aria-hidden>
            {t('curation.open')} →
          </Text>
        </Group>
        {inReview && (
          <Text size="xs" c="dimmed">
            {t('curation.inReviewBy', {
              name: inReview.byName,
              date: formatDateTimeWib(inReview.at, locale),
            })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

export function CurationQueuePage() {
  const me = useSession();
  const { t } = useTranslation();
  const locale = currentLanguage();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const allowed = canCurateProducts(me);

  const query = useInfiniteQuery({
    queryKey: queryKeys.curationQueue(filters),
    queryFn: ({ pageParam, signal }) => listCurationQueue(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled: allowed,
  });

  if (!allowed) {
    return (
      <Stack gap="lg">
        <Title order={1} size="h2">
          {t('curation.title')}
        </Title>
        <Alert color="gray" variant="light" data-testid="curation-no-access">
          {t('curation.noAccess')}
        </Alert>
      </Stack>
    );
  }

  const setParam = (key: 'status' | 'category' | 'districtCode', value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearchParams(next, { replace: true });
  };

  const products = query.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(filters.category || filters.districtCode);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('curation.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('curation.subtitle')}
        </Text>
      </div>

      <Tabs value={filters.status ?? 'submitted'} onChange={(value) => setParam('status', value)}>
        <Tabs.List>
          {QUEUE_STATUSES.map((status) => (
            <Tabs.Tab key={status} value={status} data-testid={`curation-tab-${status}`}>
              {t(`curation.tabs.${status}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <DistrictSelect
          label={t('catalog.district')}
          value={filters.districtCode ?? ''}
          onChange={(code) => setParam('districtCode', code)}
          allLabel={t('catalog.allDistricts')}
          testId="curation-filter-district"
        />
        <NativeSelect
          label={t('catalog.category')}
          value={filters.category ?? ''}
          onChange={(event) => setParam('category', event.currentTarget.value)}
          data={[
            { value: '', label: t('catalog.allCategories') },
            ...PRODUCT_CATEGORY_IDS.map((id) => ({ value: id, label: categoryLabel(id, locale) })),
          ]}
          data-testid="curation-filter-category"
        />
      </SimpleGrid>

      <Text size="xs" c="dimmed">
        {t('curation.orderHint')}
      </Text>

      <PagedList
        query={query}
        count={products.length}
        empty={filtered ? t('curation.emptyFiltered') : t(`curation.empty.${filters.status ?? 'submitted'}`)}
        testIdPrefix="curation"
      >
        {products.map((product) => (
          <QueueRow key={product.id} product={product} />
        ))}
      </PagedList>
    </Stack>
  );
}
