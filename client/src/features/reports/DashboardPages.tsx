import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { canSeeOwnSalesDashboard, canSeeSalesDashboard } from './access';
import { SalesDashboard } from './SalesDashboard';

/** `/dinkop/dasbor`: every seller, every kecamatan. */
export function DinkopDashboardPage() {
  const me = useSession();
  const { t } = useTranslation();
  if (!canSeeSalesDashboard(me)) return <Forbidden text={t('reports.dinkopOnly')} />;
  return <SalesDashboard scope="dinkop" />;
}

/** `/usaha/dasbor`: the seller's own sales. */
export function SellerDashboardPage() {
  const me = useSession();
  const { t } = useTranslation();
  if (!canSeeOwnSalesDashboard(me)) return <Forbidden text={t('reports.sellerOnly')} />;
  return <SalesDashboard scope="seller" />;
}

function Forbidden({ text }: { text: string }) {
  return (
    <Alert color="gray" variant="light" data-testid="dashboard-forbidden">
      {text}
    </Alert>
  );
}
