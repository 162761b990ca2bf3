import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TBuyerOrderStatus, TSellerOrderStatus } from '@shared/states/order';

export const SELLER_ORDER_STATUS_COLOR: Record<TSellerOrderStatus, string> = {
  awaiting_payment: 'orange',
  placed: 'yellow',
  accepted: 'blue',
  in_production: 'indigo',
  ready_to_ship: 'violet',
  shipped: 'cyan',
  delivered: 'teal',
  received: 'green',
  completed: 'green',
  rejected: 'red',
  cancelled: 'gray',
};

const BUYER_ORDER_STATUS_COLOR: Record<TBuyerOrderStatus, string> = {
  awaiting_payment: 'orange',
  placed: 'yellow',
  in_progress: 'blue',
  delivered: 'teal',
  received: 'green',
  completed: 'green',
  cancelled: 'gray',
};

export function SellerOrderStatusBadge({ status, testId }: { status: TSellerOrderStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={SELLER_ORDER_STATUS_COLOR[status]}
      variant="light"
      data-testid={testId}
      data-status={status}
      style={{ flexShrink: 0 }}
    >
      {t(`orders.sellerStatus.${status}`)}
    </Badge>
  );
}

export function BuyerOrderStatusBadge({ status, testId }: { status: TBuyerOrderStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={BUYER_ORDER_STATUS_COLOR[status]}
      variant="light"
      data-testid={testId}
      data-status={status}
      style={{ flexShrink: 0 }}
    >
      {t(`orders.buyerStatus.${status}`)}
    </Badge>
  );
}
