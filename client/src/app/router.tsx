import { useEffect } from 'react';
import { Outlet, createBrowserRouter, useSearchParams, Navigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { TMeResponse } from '@shared/contracts/accounts';
import { onUnauthenticated } from '../api/client';
import { queryKeys } from '../api/endpoints';
import i18n from '../i18n';
import { SignInPage } from '../features/auth/SignInPage';
import { RequireAuth, safeNext, useMe } from '../features/auth/session';
import { HomePage } from '../features/home/HomePage';
import { AppLayout } from './AppLayout';
import { PublicLayout } from './PublicLayout';
import { CrashPage, NotFoundPage } from './StatusPages';

/** Any UNAUTHENTICATED answer ends the session in the client: <RequireAuth> then sends the user to /masuk. */
function Root() {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onUnauthenticated(() => {
        const previous = queryClient.getQueryData<TMeResponse | null>(queryKeys.me);
        if (previous) notifications.show({ color: 'yellow', message: i18n.t('nav.sessionExpired') });
        queryClient.setQueryData(queryKeys.me, null);
      }),
    [queryClient],
  );
  return <Outlet />;
}

/** Sign-in and registration: someone already signed in goes on (to `next`, or home). */
function SignedOutOnly() {
  const me = useMe();
  const [searchParams] = useSearchParams();
  if (me.data) return <Navigate to={safeNext(searchParams.get('next'))} replace />;
  return <Outlet />;
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <CrashPage />,
    children: [
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        errorElement: <CrashPage />,
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'organisasi',
            lazy: async () => ({
              Component: (await import('../features/organisation/OrganisationPage')).OrganisationPage,
            }),
          },
          {
            path: 'organisasi/lokasi-pengiriman',
            lazy: async () => ({
              Component: (await import('../features/organisation/DeliveryLocationsPage'))
                .DeliveryLocationsPage,
            }),
          },
          {
            path: 'organisasi/anggota',
            lazy: async () => ({ Component: (await import('../features/members/MembersPage')).MembersPage }),
          },
          {
            path: 'usaha/profil',
            lazy: async () => ({
              Component: (await import('../features/umkm/UmkmProfilePage')).UmkmProfilePage,
            }),
          },
          {
            path: 'usaha/legalitas',
            lazy: async () => ({
              Component: (await import('../features/legality/LegalityPage')).LegalityPage,
            }),
          },
          {
            path: 'usaha/produk',
            lazy: async () => ({
              Component: (await import('../features/products/ProductListPage')).ProductListPage,
            }),
          },
          {
            path: 'usaha/produk/baru',
            lazy: async () => ({
              Component: (await import('../features/products/ProductNewPage')).ProductNewPage,
            }),
          },
          {
            path: 'usaha/produk/impor',
            lazy: async () => ({
              Component: (await import('../features/products/ProductImportPage')).ProductImportPage,
            }),
          },
          {
            path: 'usaha/produk/:productId',
            lazy: async () => ({
              Component: (await import('../features/products/ProductDetailPage')).ProductDetailPage,
            }),
          },
          {
            path: 'dinkop/dasbor',
            lazy: async () => ({
              Component: (await import('../features/reports/DashboardPages')).DinkopDashboardPage,
            }),
          },
          {
            path: 'usaha/dasbor',
            lazy: async () => ({
              Component: (await import('../features/reports/DashboardPages')).SellerDashboardPage,
            }),
          },
          {
            path: 'dinkop/verifikasi',
            lazy: async () => ({
              Component: (await import('../features/dinkop/VerificationPage')).VerificationPage,
            }),
          },
          {
            path: 'dinkop/kurasi',
            lazy: async () => ({
              Component: (await import('../features/curation/CurationQueuePage')).CurationQueuePage,
            }),
          },
          {
            path: 'dinkop/kurasi/:productId',
            lazy: async () => ({
              Component: (await import('../features/curation/CurationReviewPage')).CurationReviewPage,
            }),
          },
          {
            path: 'dinkop/registri',
            lazy: async () => ({
              Component: (await import('../features/registry/RegistryPage')).RegistryPage,
            }),
          },
          {
            path: 'dinkop/registri/:organisationId',
            lazy: async () => ({
              Component: (await import('../features/registry/RegistryDetailPage')).RegistryDetailPage,
            }),
          },
          {
            path: 'dinkop/pembayaran',
            lazy: async () => ({ Component: (await import('../features/ledger/PayoutsPage')).PayoutsPage }),
          },
          {
            path: 'dinkop/pembayaran/umkm/:organisationId',
            lazy: async () => ({
              Component: (await import('../features/ledger/DinkopSellerLedgerPage')).DinkopSellerLedgerPage,
            }),
          },
          {
            path: 'dinkop/pembayaran/:batchId',
            lazy: async () => ({
              Component: (await import('../features/ledger/PayoutBatchPage')).PayoutBatchPage,
            }),
          },
          {
            path: 'usaha/saldo',
            lazy: async () => ({
              Component: (await import('../features/ledger/SellerLedgerPage')).SellerLedgerPage,
            }),
          },
          {
            path: 'dinkop/titik-pajang',
            lazy: async () => ({
              Component: (await import('../features/consignment/PointsPage')).PointsPage,
            }),
          },
          {
            path: 'titik-pajang/penjualan',
            lazy: async () => ({
              Component: (await import('../features/consignment/SalesEntryPage')).SalesEntryPage,
            }),
          },
          {
            path: 'usaha/konsinyasi',
            lazy: async () => ({
              Component: (await import('../features/consignment/SellerConsignmentPage'))
                .SellerConsignmentPage,
            }),
          },
          {
            path: 'dinkop/kredit-tempo',
            lazy: async () => ({
              Component: (await import('../features/credit/CreditLinesPage')).CreditLinesPage,
            }),
          },
          {
            path: 'katalog',
            lazy: async () => ({ Component: (await import('../features/catalog/CatalogPage')).CatalogPage }),
          },
          {
            path: 'katalog/produk/:productId',
            lazy: async () => ({
              Component: (await import('../features/catalog/CatalogProductPage')).CatalogProductPage,
            }),
          },
          {
            path: 'katalog/penjual/:sellerId',
            lazy: async () => ({
              Component: (await import('../features/catalog/CatalogSellerPage')).CatalogSellerPage,
            }),
          },
          {
            path: 'keranjang',
            lazy: async () => ({ Component: (await import('../features/orders/CartPage')).CartPage }),
          },
          {
            path: 'pesanan',
            lazy: async () => ({
              Component: (await import('../features/orders/BuyerOrdersPage')).BuyerOrdersPage,
            }),
          },
          {
            path: 'pesanan/:orderId',
            lazy: async () => ({
              Component: (await import('../features/orders/BuyerOrderPage')).BuyerOrderPage,
            }),
          },
          {
            path: 'usaha/pesanan',
            lazy: async () => ({
              Component: (await import('../features/orders/SellerOrdersPage')).SellerOrdersPage,
            }),
          },
          {
            path: 'usaha/pesanan/:sellerOrderId',
            lazy: async () => ({
              Component: (await import('../features/orders/SellerOrderPage')).SellerOrderPage,
            }),
          },
          {
            path: 'faktur',
            lazy: async () => ({
              Component: (await import('../features/invoices/InvoicesPage')).InvoicesPage,
            }),
          },
          {
            path: 'faktur/:invoiceId',
            lazy: async () => ({
              Component: (await import('../features/invoices/InvoicePage')).InvoicePage,
            }),
          },
          {
            path: 'pemberitahuan',
            lazy: async () => ({
              Component: (await import('../features/notifications/NotificationsPage')).NotificationsPage,
            }),
          },
          {
            path: 'akun',
            lazy: async () => ({ Component: (await import('../features/account/AccountPage')).AccountPage }),
          },
        ],
      },
      {
        element: <PublicLayout />,
        errorElement: <CrashPage />,
        children: [
          {
            element: <SignedOutOnly />,
            children: [
              { path: 'masuk', element: <SignInPage /> },
              {
                path: 'daftar',
                lazy: async () => ({
                  Component: (await import('../features/registration/RegisterPage')).RegisterPage,
                }),
              },
            ],
          },
          {
            path: 'undangan/:token',
            lazy: async () => ({
              Component: (await import('../features/invitations/AcceptInvitationPage')).AcceptInvitationPage,
            }),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
