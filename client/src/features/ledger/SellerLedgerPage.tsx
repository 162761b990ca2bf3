import { Alert, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { canSeeOwnLedger } from './access';
import { LedgerView } from './LedgerView';

/** `/usaha/saldo`: what the platform owes this UMKM, every entry behind it, and the CSV for its bookkeeping. */
export function SellerLedgerPage() {
  const me = useSession();
  const { t } = useTranslation();
  if (!canSeeOwnLedger(me)) {
    return (
      <Alert color="gray" variant="light" data-testid="ledger-no-access">
        {t('ledger.sellerOnly')}
      </Alert>
    );
  }
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('ledger.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('ledger.subtitle')}
        </Text>
      </div>
      <LedgerView seller={undefined} />
    </Stack>
  );
}
