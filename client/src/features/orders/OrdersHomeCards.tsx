import { Link } from 'react-router-dom';
import { Button, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listSellerOrders, queryKeys, type SellerOrderFilters } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../auth/session';
import { canUseCart } from './access';
import { useLiveOrders } from './orderCache';
import { cartLineCount, useCart } from './useCart';

/** On a buyer's home: the cart (with how many products wait in it) and the orders. */
export function BuyerOrdersHomeCard() {
  const me = useSession();
  const { t } = useTranslation();
  const cart = useCart();
  const hasCart = canUseCart(me);
  return (
    <Card withBorder radius="md" data-testid="home-orders-card">
      <Stack gap="sm">
        <Text fw={600}>{t('orders.home.buyerTitle')}</Text>
        <Text size="sm" c="dimmed">
          {hasCart && cart.data
            ? t('orders.home.cartCount', { count: cartLineCount(cart.data) })
            : t('orders.home.buyerHint')}
        </Text>
        <Group gap="xs">
          {hasCart && (
            <Button component={Link} to="/keranjang" variant="light" data-testid="home-cart">
              {t('orders.cart.title')}
            </Button>
          )}
          <Button
            component={Link}
            to="/pesanan"
            variant={hasCart ? 'subtle' : 'light'}
            data-testid="home-orders"
          >
            {t('orders.buyerTitle')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

const WAITING: SellerOrderFilters = { status: 'placed', limit: 50 };

/** On a UMKM's home: how many new orders wait for an answer (counted on one page of up to 50), live. */
export function SellerOrdersHomeCard() {
  const { t } = useTranslation();
  useLiveOrders();
  const waiting = useQuery({
    queryKey: [...queryKeys.sellerOrdersAll, 'waiting-count'],
    queryFn: ({ signal }) => listSellerOrders(WAITING, null, signal),
  });
  const count = waiting.data?.items.length ?? 0;
  return (
    <Card withBorder radius="md" data-testid="home-seller-orders-card">
      <Stack gap="sm">
        <Text fw={600}>{t('orders.sellerTitle')}</Text>
        {waiting.isPending && <Skeleton h={20} />}
        {waiting.isError && <ErrorAlert error={waiting.error} onRetry={() => void waiting.refetch()} />}
        {waiting.data && (
          <Text size="sm" data-testid="home-seller-orders-waiting">
            {count === 0
              ? t('orders.home.noneWaiting')
              : waiting.data.nextCursor
                ? t('orders.home.waitingMore', { count })
                : t('orders.home.waiting', { count })}
          </Text>
        )}
        <Group gap="xs">
          <Button
            component={Link}
            to="/usaha/pesanan?status=placed"
            variant="light"
            data-testid="home-seller-orders"
          >
            {t('orders.home.openInbox')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
