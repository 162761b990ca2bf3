import { Link } from 'react-router-dom';
import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ZSetCartLineRequest } from '@shared/contracts/orders';
import type { TCatalogProduct } from '@shared/contracts/catalog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage } from '../../i18n';
import { useSession } from '../auth/session';
import { formatNumber } from '../catalog/catalogFormat';
import { unitLabel } from '../catalog/CatalogParts';
import { orderingBlock } from './access';
import { useCart, useCartChanges } from './useCart';

/**
 * Under the price calculator: puts the product in the cart at the quantity worked out there, or sets the
 * cart's line to it when the product is already in the cart. `quantity` is null while it is not orderable.
 */
export function AddToCartButton({
  product,
  quantity,
}: {
  product: TCatalogProduct;
  quantity: number | null;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const cart = useCart();
  const { setLine } = useCartChanges();
  const inCart = cart.data?.groups
    .flatMap((group) => group.lines)
    .find((line) => line.productId === product.id);
  const add = () => {
    const body = ZSetCartLineRequest.safeParse({ quantity });
    if (!body.success) return;
    setLine.mutate(
      { productId: product.id, quantity: body.data.quantity },
      {
        onSuccess: () =>
          notifications.show({
            color: 'green',
            message: t('orders.addToCart.added', {
              name: product.name,
              quantity: formatNumber(body.data.quantity, locale),
              unit: unitLabel(product.unit, t, body.data.quantity),
            }),
          }),
      },
    );
  };
  return (
    <Stack gap="xs">
      {inCart && (
        <Text size="sm" data-testid="add-to-cart-in-cart">
          {t('orders.addToCart.inCart', {
            quantity: formatNumber(inCart.quantity, locale),
            unit: unitLabel(product.unit, t, inCart.quantity),
          })}{' '}
          <Anchor component={Link} to="/keranjang" size="sm">
            {t('orders.addToCart.openCart')}
          </Anchor>
        </Text>
      )}
      <div>
        <Button
          onClick={add}
          disabled={quantity === null || quantity === inCart?.quantity}
          loading={setLine.isPending}
          data-testid="add-to-cart"
        >
          {inCart ? t('orders.addToCart.update') : t('orders.addToCart.add')}
        </Button>
      </div>
      {setLine.isError && <ErrorAlert error={setLine.error} />}
    </Stack>
  );
}

/** For anyone who cannot order: why not, instead of a button that would fail. */
export function OrderingBlockedNote() {
  const me = useSession();
  const { t } = useTranslation();
  const block = orderingBlock(me);
  if (!block) return null;
  return (
    <Alert color="gray" variant="light" data-testid="ordering-blocked" data-reason={block}>
      {t(`orders.addToCart.blocked.${block}`)}
    </Alert>
  );
}
