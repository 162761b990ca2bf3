import { Link, useParams } from 'react-router-dom';
import { Anchor, Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TSellerOrder } from '@shared/contracts/orders';
import { ZObjectId } from '@shared/contracts/common';
import { formatDateTimeWib } from '@shared/time';
import { getBuyerOrder, queryKeys } from '../../api/endpoints';
import { detailPageState } from '../../components/PageProblem';
import { currentLanguage } from '../../i18n';
import { useLiveOrders } from './orderCache';
import { DeliveryDetails, OrderLines, OrderTimeline, OrderTotals, ShipmentAndReceipt } from './orderParts';
import { OrderMoves } from './OrderMoves';
import { BuyerOrderStatusBadge, SellerOrderStatusBadge } from './orderStatus';
import { OrderPaymentCard } from '../payments/OrderPaymentCard';

/** One UMKM's part of the order: what it delivers, where it is now, and what the buyer can do about it. */
function SellerPart({ part }: { part: TSellerOrder }) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      data-testid="seller-part"
      data-seller-order-id={part.id}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <div>
            <Text fw={700}>{part.seller.name}</Text>
            <Text size="xs" c="dimmed">
              {part.number}
            </Text>
          </div>
          <SellerOrderStatusBadge status={part.status} testId="seller-part-status" />
        </Group>
        <OrderLines lines={part.lines} />
        <Divider />
        <OrderTotals totals={part.totals} />
        <ShipmentAndReceipt order={part} />
        <OrderMoves order={part} party="buyer" />
        <Divider label={t('orders.history')} labelPosition="left" />
        <OrderTimeline history={part.history} />
      </Stack>
    </Card>
  );
}

/** `/pesanan/:orderId`: the buyer's order, one part per UMKM, each with its live timeline. */
export function BuyerOrderPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { orderId = '' } = useParams();
  const validId = ZObjectId.safeParse(orderId).success;
  useLiveOrders();
  const query = useQuery({
    queryKey: queryKeys.buyerOrder(orderId),
    queryFn: ({ signal }) => getBuyerOrder(orderId, signal),
    enabled: validId,
  });
  const back = (
    <Anchor component={Link} to="/pesanan" size="sm">
      {t('orders.backToOrders')}
    </Anchor>
  );
  const problem = detailPageState(query, {
    validId,
    back,
    notFound: { text: t('orders.notFound'), testId: 'order-not-found' },
  });
  if (problem) return problem;

  const order = query.data!;
  // Every part is cut from the same checkout: one address, date, PO number and notes for all.
  const firstPart = order.sellerOrders[0];
  return (
    <Stack gap="lg" data-testid="buyer-order">
      {back}
      <Group justify="space-between" align="flex-start" gap="xs">
        <div>
          <Title order={1} size="h2" data-testid="buyer-order-number">
            {t('orders.orderTitle', { number: order.number })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('orders.placedBy', {
              name: order.placedByName,
              date: formatDateTimeWib(order.placedAt, locale),
            })}
          </Text>
        </div>
        <BuyerOrderStatusBadge status={order.status} testId="buyer-order-status" />
      </Group>
      <OrderPaymentCard order={order} />
      <Card withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
        <Stack gap="sm">
          {firstPart && <DeliveryDetails order={firstPart} />}
          <Divider />
          <OrderTotals totals={order.totals} testId="buyer-order-totals" />
        </Stack>
      </Card>
      <Title order={2} size="h4">
        {t('orders.partsTitle', { count: order.sellerOrders.length })}
      </Title>
      {order.sellerOrders.map((part) => (
        <SellerPart key={part.id} part={part} />
      ))}
    </Stack>
  );
}
