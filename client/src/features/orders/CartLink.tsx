import { Link } from 'react-router-dom';
import { ActionIcon, Indicator } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { canUseCart } from './access';
import { cartLineCount, useCart } from './useCart';

function CartIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden
    >
      <circle cx="9" cy="21" r="1" />
      <circle cx="20" cy="21" r="1" />
      <path d="M1 1h4l2.7 13.4a2 2 0 0 0 2 1.6h9.7a2 2 0 0 0 2-1.6L23 6H6" />
    </svg>
  );
}

/** In the header, for those who keep a cart: the way to it and how many products are in it. */
export function CartLink() {
  const me = useSession();
  const { t } = useTranslation();
  const cart = useCart();
  if (!canUseCart(me)) return null;
  const count = cart.data ? cartLineCount(cart.data) : 0;
  return (
    <Indicator label={count > 99 ? '99+' : count} size={16} color="green" disabled={count === 0} offset={4}>
      <ActionIcon
        component={Link}
        to="/keranjang"
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={t('orders.cart.link', { count })}
        data-testid="cart-link"
        data-count={count}
      >
        <CartIcon />
      </ActionIcon>
    </Indicator>
  );
}
