import { Link, useParams } from 'react-router-dom';
import { Anchor, Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ZObjectId } from '@shared/contracts/common';
import { formatDateTimeWib } from '@shared/time';
import { getSellerOrder, queryKeys } from '../../api/endpoints';
import { InfoRow } from '../../components/InfoRow';
import { detailPageState } from '../../components/PageProblem';
import { currentLanguage } from '../../i18n';
import { useSession } from '../auth/session';
import { orderPartyOf } from './access';
import { useLiveOrders } from './orderCache';
import { DeliveryDetails, OrderLines, OrderTimeline, OrderTotals, ShipmentAndReceipt } from './orderParts';
import { OrderMoves } from './OrderMoves';
import { SellerOrderStatusBadge } from './orderStatus';

/**
 * `/usaha/pesanan/:sellerOrderId`: one incoming order, laid out for a phone: status and the next steps
 * first, then what to deliver where, then the history. Updates live.
 */
export function SellerOrderPage() {
  const me = useSession();
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { sellerOrderId = '' } = useParams();
  const validId = ZObjectId.safeParse(sellerOrderId).success;
  useLiveOrders();
  const query = useQuery({
    queryKey: queryKeys.sellerOrder(sellerOrderId),
    queryFn: ({ signal }) => getSellerOrder(sellerOrderId, signal),
    enabled: validId,
  });
  const back = (
    <Anchor component={Link} to="/usaha/pesanan" size="sm">
      {t('orders.backToInbox')}
    </Anchor>
  );
  const problem = detailPageState(query, {
    validId,
    back,
    notFound: { text: t('orders.notFound'), testId: 'order-not-found' },
  });
  if (problem) return problem;

  const order = query.data!;
  return (
    <Stack gap="md" data-testid="seller-order">
      {back}
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>
            {order.buyer.name}
          </Title>
          <Text size="sm" c="dimmed">
            {order.number} · {formatDateTimeWib(order.placedAt, locale)}
          </Text>
        </div>
        <SellerOrderStatusBadge status={order.status} testId="seller-order-status" />
      </Group>
      <OrderMoves order={order} party={orderPartyOf(me)} />
      <Card withBorder radius="md" p="sm">
        <Stack gap="sm">
          <OrderLines lines={order.lines} />
          <Divider />
          <OrderTotals totals={order.totals} />
        </Stack>
      </Card>
      <Card withBorder radius="md" p="sm">
        <DeliveryDetails
          order={order}
          extra={
            <>
              {order.buyer.buyerType && (
                <InfoRow label={t('orders.buyerType')}>
                  {t(`labels.buyerTypes.${order.buyer.buyerType}`)}
                </InfoRow>
              )}
              <InfoRow label={t('payments.title')} testId="seller-order-payment-method">
                {t(`payments.sellerMethod.${order.paymentMethod}`)}
              </InfoRow>
            </>
          }
        />
        <ShipmentAndReceipt order={order} />
      </Card>
      <Card withBorder radius="md" p="sm">
        <Stack gap="sm">
          <Title order={2} size="h5">
            {t('orders.history')}
          </Title>
          <OrderTimeline history={order.history} />
        </Stack>
      </Card>
    </Stack>
  );
}
