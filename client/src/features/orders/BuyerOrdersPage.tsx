import { Link } from 'react-router-dom';
import { Alert, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TBuyerOrder } from '@shared/contracts/orders';
import { formatRupiah } from '@shared/money';
import { formatDateTimeWib, formatDateWib } from '@shared/time';
import { listBuyerOrders, queryKeys } from '../../api/endpoints';
import { PagedList } from '../../components/PagedList';
import { currentLanguage } from '../../i18n';
import { useSession } from '../auth/session';
import { useLiveOrders } from './orderCache';
import { BuyerOrderStatusBadge } from './orderStatus';
import { CreditUsageCard } from '../credit/CreditUsageCard';
import { usePaymentMethodLabel } from '../payments/OrderPaymentCard';

function BuyerOrderRow({ order }: { order: TBuyerOrder }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const methodLabel = usePaymentMethodLabel();
  return (
    <Card
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      component={Link}
      to={`/pesanan/${order.id}`}
      data-testid="buyer-order-row"
      data-order-id={order.id}
      style={{ color: 'inherit', textDecoration: 'none' }}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <div>
            <Text fw={700}>{order.number}</Text>
            <Text size="xs" c="dimmed">
              {t('orders.placedBy', {
                name: order.placedByName,
                date: formatDateTimeWib(order.placedAt, locale),
              })}
            </Text>
          </div>
          <BuyerOrderStatusBadge status={order.status} testId="buyer-order-row-status" />
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {order.sellerOrders.map((part) => part.seller.name).join(' · ')}
        </Text>
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed">
            {t('orders.deliverBy', { date: formatDateWib(order.requestedDeliveryDate, locale) })}
            {order.purchaseOrderNumber
              ? ` · ${t('orders.poShort', { number: order.purchaseOrderNumber })}`
              : ''}
            {` · ${methodLabel(order.payment)}`}
          </Text>
          <Text fw={700}>{formatRupiah(order.totals.total)}</Text>
        </Group>
      </Stack>
    </Card>
  );
}

/** `/pesanan`: the organisation's orders, newest first, kept current live. */
export function BuyerOrdersPage() {
  const me = useSession();
  const { t } = useTranslation();
  const isBuyer = me.organisation.kind === 'buyer';
  useLiveOrders();
  const query = useInfiniteQuery({
    queryKey: queryKeys.buyerOrders,
    queryFn: ({ pageParam, signal }) => listBuyerOrders(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled: isBuyer,
  });
  if (!isBuyer) {
    return (
      <Alert color="gray" variant="light" data-testid="buyer-only">
        {t('orders.buyerOnly')}
      </Alert>
    );
  }
  const orders = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('orders.buyerTitle')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('orders.buyerSubtitle')}
        </Text>
      </div>
      <CreditUsageCard />
      <PagedList
        query={query}
        count={orders.length}
        empty={t('orders.buyerEmpty')}
        testIdPrefix="buyer-orders"
        listTestId="buyer-order-list"
      >
        {orders.map((order) => (
          <BuyerOrderRow key={order.id} order={order} />
        ))}
      </PagedList>
    </Stack>
  );
}
