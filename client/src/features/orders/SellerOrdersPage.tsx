import { Link } from 'react-router-dom';
import { Alert, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TSellerOrder } from '@shared/contracts/orders';
import { formatRupiah } from '@shared/money';
import { SELLER_ORDER_STATUSES } from '@shared/states/order';
import { formatDateTimeWib, formatDateWib } from '@shared/time';
import { listSellerOrders, queryKeys, type SellerOrderFilters } from '../../api/endpoints';
import { PagedList } from '../../components/PagedList';
import { StatusFilter, useStatusFilter } from '../../components/StatusFilter';
import { currentLanguage } from '../../i18n';
import { useSession } from '../auth/session';
import { canWorkSellerOrders } from './access';
import { useLiveOrders } from './orderCache';
import { SellerOrderStatusBadge } from './orderStatus';

const PAGE_SIZE = 20;

function SellerOrderRow({ order }: { order: TSellerOrder }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return (
    <Card
      withBorder
      radius="md"
      p="sm"
      component={Link}
      to={`/usaha/pesanan/${order.id}`}
      data-testid="seller-order-row"
      data-seller-order-id={order.id}
      style={{ color: 'inherit', textDecoration: 'none' }}
    >
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
              {order.buyer.name}
            </Text>
            <Text size="xs" c="dimmed">
              {order.number} · {formatDateTimeWib(order.placedAt, locale)}
            </Text>
          </div>
          <SellerOrderStatusBadge status={order.status} testId="seller-order-row-status" />
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {order.lines.map((line) => line.name).join(' · ')}
        </Text>
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed">
            {t('orders.deliverBy', { date: formatDateWib(order.requestedDeliveryDate, locale) })}
          </Text>
          <Text fw={700}>{formatRupiah(order.totals.total)}</Text>
        </Group>
      </Stack>
    </Card>
  );
}

/** `/usaha/pesanan`: the UMKM's incoming orders, newest first, filtered by status, kept current live. */
export function SellerOrdersPage() {
  const me = useSession();
  const { t } = useTranslation();
  const allowed = canWorkSellerOrders(me);
  const { status, setStatus } = useStatusFilter(SELLER_ORDER_STATUSES);
  const filters: SellerOrderFilters = {
    status,
    limit: PAGE_SIZE,
  };
  useLiveOrders();
  const query = useInfiniteQuery({
    queryKey: queryKeys.sellerOrders(filters),
    queryFn: ({ pageParam, signal }) => listSellerOrders(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled: allowed,
  });
  if (!allowed) {
    return (
      <Alert color="gray" variant="light" data-testid="seller-only">
        {t('orders.sellerOnly')}
      </Alert>
    );
  }
  const orders = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('orders.sellerTitle')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('orders.sellerSubtitle')}
        </Text>
      </div>
      <StatusFilter
        label={t('orders.filterStatus')}
        allLabel={t('orders.allStatuses')}
        statuses={SELLER_ORDER_STATUSES}
        statusLabel={(value) => t(`orders.sellerStatus.${value}`)}
        status={status}
        onChange={setStatus}
        testId="seller-orders-filter"
      />
      <PagedList
        query={query}
        count={orders.length}
        empty={filters.status ? t('orders.sellerEmptyFiltered') : t('orders.sellerEmpty')}
        testIdPrefix="seller-orders"
        listTestId="seller-order-list"
      >
        {orders.map((order) => (
          <SellerOrderRow key={order.id} order={order} />
        ))}
      </PagedList>
    </Stack>
  );
}
