import { Alert, Badge, Card, Group, Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TCreditLine } from '@shared/contracts/credit';
import { formatRupiah } from '@shared/money';
import { getMyCreditLine, queryKeys } from '../../api/endpoints';
import { InfoRow } from '../../components/InfoRow';

export function CreditActiveBadge({ line }: { line: Pick<TCreditLine, 'active'> }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={line.active ? 'green' : 'gray'}
      variant="light"
      data-testid="credit-line-active"
      style={{ flexShrink: 0 }}
    >
      {line.active ? t('credit.active') : t('credit.inactive')}
    </Badge>
  );
}

/** Used out of the limit, for the bar; a limit of 0 with nothing owed reads as empty, not as full. */
function usedPercent(line: TCreditLine): number {
  if (line.limitRupiah <= 0) return line.outstandingRupiah > 0 ? 100 : 0;
  return Math.min(100, (line.outstandingRupiah / line.limitRupiah) * 100);
}

/**
 * A buyer organisation's credit on terms as Dinkop set it, and how much of it its unpaid orders and
 * invoices use now. Nothing at all for an organisation without a credit line (most hotels and shops).
 */
export function CreditUsageCard() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: queryKeys.myCreditLine,
    queryFn: ({ signal }) => getMyCreditLine(signal),
  });
  const line = query.data?.creditLine;
  if (!line) return null;
  return (
    <Card withBorder radius="md" p={{ base: 'sm', sm: 'md' }} data-testid="credit-usage">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <div>
            <Text fw={700}>{t('credit.mine.title')}</Text>
            <Text size="sm" c="dimmed">
              {t('credit.mine.intro')}
            </Text>
          </div>
          <CreditActiveBadge line={line} />
        </Group>
        <Progress
          value={usedPercent(line)}
          color={line.availableRupiah > 0 ? 'green' : 'red'}
          aria-label={t('credit.outstanding')}
        />
        <Stack gap={0}>
          <InfoRow label={t('credit.term')} testId="credit-usage-term">
            {t('credit.termDays', { days: line.termDays })}
          </InfoRow>
          <InfoRow label={t('credit.limit')} testId="credit-usage-limit">
            {formatRupiah(line.limitRupiah)}
          </InfoRow>
          <InfoRow label={t('credit.outstanding')} testId="credit-usage-outstanding">
            {formatRupiah(line.outstandingRupiah)}
          </InfoRow>
          <InfoRow label={t('credit.available')} testId="credit-usage-available">
            {formatRupiah(line.availableRupiah)}
          </InfoRow>
        </Stack>
        {!line.active ? (
          <Alert color="gray" variant="light">
            {t('credit.mine.inactive')}
          </Alert>
        ) : (
          line.availableRupiah <= 0 && (
            <Alert color="yellow" variant="light">
              {t('credit.mine.exhausted')}
            </Alert>
          )
        )}
      </Stack>
    </Card>
  );
}
