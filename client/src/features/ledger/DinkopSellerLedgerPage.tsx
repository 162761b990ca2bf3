import { Link, useParams } from 'react-router-dom';
import { Alert, Anchor, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { canSeePayouts } from './access';
import { LedgerView } from './LedgerView';

/** `/dinkop/pembayaran/umkm/:organisationId`: one UMKM's ledger as Dinkop sees it. */
export function DinkopSellerLedgerPage() {
  const me = useSession();
  const { t } = useTranslation();
  const { organisationId = '' } = useParams();
  if (!canSeePayouts(me)) {
    return (
      <Alert color="gray" variant="light" data-testid="payouts-no-access">
        {t('payouts.noAccess')}
      </Alert>
    );
  }
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/dinkop/pembayaran" size="sm">
        {t('payouts.back')}
      </Anchor>
      <Title order={1} size="h2">
        {t('payouts.sellerLedger')}
      </Title>
      <LedgerView seller={organisationId} />
    </Stack>
  );
}
