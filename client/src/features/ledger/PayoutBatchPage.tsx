import { Link, useParams } from 'react-router-dom';
import { Alert, Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '@shared/money';
import { formatDateTimeWib } from '@shared/time';
import { ErrorAlert } from '../../components/ErrorAlert';
import { InfoRow } from '../../components/InfoRow';
import { PageLoader } from '../../components/PageLoader';
import { currentLanguage } from '../../i18n';
import { useSession } from '../auth/session';
import { canSeePayouts } from './access';
import { getPayoutBatch, ledgerKeys } from './api';
import { PayoutStatusBadge } from './PayoutsPage';

/** `/dinkop/pembayaran/:batchId`: who was paid how much, to which account, under which transfer reference. */
export function PayoutBatchPage() {
  const me = useSession();
  const { t } = useTranslation();
  const { batchId = '' } = useParams();
  const allowed = canSeePayouts(me);
  const query = useQuery({
    queryKey: ledgerKeys.batch(batchId),
    queryFn: ({ signal }) => getPayoutBatch(batchId, signal),
    enabled: allowed,
  });
  if (!allowed) {
    return (
      <Alert color="gray" variant="light" data-testid="payouts-no-access">
        {t('payouts.noAccess')}
      </Alert>
    );
  }
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const batch = query.data;
  const locale = currentLanguage();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/dinkop/pembayaran" size="sm">
        {t('payouts.back')}
      </Anchor>
      <Title order={1} size="h2">
        {t('payouts.batchTitle', { reference: batch.transferReference })}
      </Title>
      <Card withBorder radius="md" p="md">
        <InfoRow label={t('payouts.detail.status')}>
          <PayoutStatusBadge status={batch.status} />
        </InfoRow>
        <InfoRow label={t('payouts.detail.reference')} testId="payout-batch-reference">
          {batch.transferReference}
        </InfoRow>
        <InfoRow label={t('payouts.detail.createdBy')}>
          {batch.createdBy.name} · {formatDateTimeWib(batch.createdAt, locale)}
        </InfoRow>
        {batch.completedAt && (
          <InfoRow label={t('payouts.detail.completedAt')}>
            {formatDateTimeWib(batch.completedAt, locale)}
          </InfoRow>
        )}
        <InfoRow label={t('payouts.detail.total')} testId="payout-batch-total">
          <Text span fw={700}>
            {formatRupiah(batch.totalRupiah)}
          </Text>{' '}
          ({t('payouts.itemCount', { count: batch.itemCount })})
        </InfoRow>
      </Card>
      {batch.status === 'processing' && (
        <Alert color="yellow" variant="light">
          {t('payouts.processingHint')}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={520}>
        <Table striped withTableBorder verticalSpacing="xs" data-testid="payout-items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('payouts.columns.seller')}</Table.Th>
              <Table.Th>{t('payouts.columns.account')}</Table.Th>
              <Table.Th ta="right">{t('payouts.columns.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {batch.items.map((item) => (
              <Table.Tr key={item.sellerOrganisationId} data-testid="payout-item">
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Anchor component={Link} to={`/dinkop/pembayaran/umkm/${item.sellerOrganisationId}`}>
                    {item.sellerName}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {item.payoutAccount ? (
                    <>
                      {item.payoutAccount.bankName} {item.payoutAccount.accountNumber}
                      <Text size="xs" c="dimmed">
                        {t('payouts.accountHolder', { name: item.payoutAccount.holderName })}
                      </Text>
                    </>
                  ) : (
                    <Text size="sm" c="red.7">
                      {t('payouts.noAccount')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatRupiah(item.amountRupiah)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
