import { useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import {
  AppShell,
  Avatar,
  Burger,
  Container,
  Group,
  Menu,
  NavLink,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TMeResponse } from '@shared/contracts/accounts';
import { ApiError } from '../api/client';
import { queryKeys, signOut } from '../api/endpoints';
import { setLanguage } from '../i18n';
import { errorMessage } from '../i18n/messages';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { canUseCart, canWorkSellerOrders } from '../features/orders/access';
import { CartLink } from '../features/orders/CartLink';
import { LiveProvider } from '../realtime/live';
import { Brand } from './Brand';
import { canCurateProducts } from '../features/curation/access';
import { canSeeRegistry } from '../features/registry/registryParts';
import { canSeeCreditLines } from '../features/credit/access';
import { canSeeOwnLedger, canSeePayouts } from '../features/ledger/access';
import { canEnterSales, canSeeOwnConsignment, canSeePoints } from '../features/consignment/access';
import { canReadInvoices } from '../features/invoices/access';
import { canSeeVerificationQueue, clearUserData, markSignedOut, useSession } from '../features/auth/session';
import { canSeeOwnSalesDashboard, canSeeSalesDashboard } from '../features/reports/access';

let languageAdoptedFor: string | null = null;

/** When a (new) person is signed in, the UI takes the language saved in their account. */
function useAccountLanguage(me: TMeResponse) {
  useEffect(() => {
    if (languageAdoptedFor === me.user.id) return;
    languageAdoptedFor = me.user.id;
    setLanguage(me.user.locale);
  }, [me.user.id, me.user.locale]);
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: async () => {
      try {
        await signOut();
      } catch (error) {
        // Already signed out on the server: the goal is reached.
        if (!(error instanceof ApiError && error.code === 'UNAUTHENTICATED')) throw error;
      }
    },
    onSuccess: () => {
      languageAdoptedFor = null;
      markSignedOut();
      // <RequireAuth> sees no session and goes to /masuk.
      queryClient.setQueryData(queryKeys.me, null);
      clearUserData(queryClient);
      notifications.clean();
      notifications.show({ message: t('nav.signedOut') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(t, error) }),
  });
}

function UserMenu({ me }: { me: TMeResponse }) {
  const { t } = useTranslation();
  const signOutMutation = useSignOut();
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('nav.userMenu')} data-testid="user-menu">
          <Group gap="xs" wrap="nowrap">
            <Avatar color="green" radius="xl" size="sm">
              {initials(me.user.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" maw={180} truncate>
              {me.user.name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
            {me.user.name}
          </Text>
          <Text size="xs" truncate>
            {me.organisation.name}
          </Text>
        </Menu.Label>
        <Menu.Item component={Link} to="/akun">
          {t('nav.account')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color="red"
          onClick={() => signOutMutation.mutate()}
          data-testid="sign-out"
          disabled={signOutMutation.isPending}
        >
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

interface NavItem {
  to: string;
  label: string;
  testId: string;
}

export function AppLayout() {
  const me = useSession();
  const { t } = useTranslation();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  useAccountLanguage(me);

  const items: NavItem[] = [
    { to: '/', label: t('nav.home'), testId: 'nav-home' },
    { to: '/katalog', label: t('catalog.nav'), testId: 'nav-catalog' },
    ...(canUseCart(me) ? [{ to: '/keranjang', label: t('orders.cart.title'), testId: 'nav-cart' }] : []),
    ...(me.organisation.kind === 'buyer'
      ? [{ to: '/pesanan', label: t('orders.buyerTitle'), testId: 'nav-orders' }]
      : []),
    ...(canWorkSellerOrders(me)
      ? [{ to: '/usaha/pesanan', label: t('orders.sellerTitle'), testId: 'nav-seller-orders' }]
      : []),
    ...(canReadInvoices(me) ? [{ to: '/faktur', label: t('invoices.nav'), testId: 'nav-invoices' }] : []),
    { to: '/organisasi', label: t('nav.organisation'), testId: 'nav-organisation' },
    ...(me.organisation.kind === 'buyer'
      ? [
          {
            to: '/organisasi/lokasi-pengiriman',
            label: t('deliveryLocations.title'),
            testId: 'nav-delivery-locations',
          },
        ]
      : []),
    ...(me.organisation.kind === 'umkm'
      ? [
          { to: '/usaha/profil', label: t('nav.umkmProfile'), testId: 'nav-umkm-profile' },
          { to: '/usaha/legalitas', label: t('nav.legality'), testId: 'nav-legality' },
          { to: '/usaha/produk', label: t('products.title'), testId: 'nav-products' },
        ]
      : []),
    { to: '/organisasi/anggota', label: t('nav.members'), testId: 'nav-members' },
    ...(canSeeSalesDashboard(me)
      ? [{ to: '/dinkop/dasbor', label: t('reports.nav'), testId: 'nav-sales-dashboard' }]
      : []),
    ...(canSeeOwnSalesDashboard(me)
      ? [{ to: '/usaha/dasbor', label: t('reports.sellerNav'), testId: 'nav-seller-dashboard' }]
      : []),
    ...(canSeeVerificationQueue(me)
      ? [{ to: '/dinkop/verifikasi', label: t('nav.verification'), testId: 'nav-verification' }]
      : []),
    ...(canCurateProducts(me)
      ? [{ to: '/dinkop/kurasi', label: t('curation.nav'), testId: 'nav-curation' }]
      : []),
    ...(canSeeRegistry(me)
      ? [{ to: '/dinkop/registri', label: t('registry.nav'), testId: 'nav-registry' }]
      : []),
    ...(canSeeCreditLines(me)
      ? [{ to: '/dinkop/kredit-tempo', label: t('credit.nav'), testId: 'nav-credit-lines' }]
      : []),
    ...(canSeePayouts(me)
      ? [{ to: '/dinkop/pembayaran', label: t('payouts.nav'), testId: 'nav-payouts' }]
      : []),
    ...(canSeeOwnLedger(me) ? [{ to: '/usaha/saldo', label: t('ledger.nav'), testId: 'nav-ledger' }] : []),
    ...(canSeePoints(me)
      ? [{ to: '/dinkop/titik-pajang', label: t('consignment.nav'), testId: 'nav-consignment-points' }]
      : []),
    ...(canEnterSales(me)
      ? [{ to: '/titik-pajang/penjualan', label: t('consignment.salesNav'), testId: 'nav-consignment-sales' }]
      : []),
    ...(canSeeOwnConsignment(me)
      ? [{ to: '/usaha/konsinyasi', label: t('consignment.sellerNav'), testId: 'nav-consignment-seller' }]
      : []),
    { to: '/akun', label: t('nav.account'), testId: 'nav-account' },
  ];

  return (
    <LiveProvider userId={me.user.id}>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('nav.openMenu')}
              />
              {/* On a phone the header's icons (cart, bell, language, account) leave no room for the name. */}
              <Brand nameVisibleFrom="xs" />
            </Group>
            <Group gap="sm" wrap="nowrap">
              <CartLink />
              <NotificationBell />
              <LanguageSwitcher />
              <UserMenu me={me} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.mainNavigation')}>
          <Stack gap={2}>
            <Text size="xs" c="dimmed" px="sm" py={6} truncate>
              {me.organisation.name}
            </Text>
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                active={location.pathname === item.to}
                onClick={close}
                data-testid={item.testId}
                aria-current={location.pathname === item.to ? 'page' : undefined}
              />
            ))}
          </Stack>
        </AppShell.Navbar>
        <AppShell.Main>
          <Container size="md" px={0}>
            <Outlet />
          </Container>
        </AppShell.Main>
      </AppShell>
    </LiveProvider>
  );
}
