import { useState } from 'react';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LEDGER_ENTRY_KINDS, type TLedgerEntry, type TLedgerEntryKind } from '@shared/contracts/ledger';
import { formatRupiah } from '@shared/money';
import { formatDateTimeWib } from '@shared/time';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { PagedList } from '../../components/PagedList';
import { currentLanguage } from '../../i18n';
import { getLedgerBalance, ledgerCsvUrl, ledgerKeys, listLedgerEntries, type LedgerOwner } from './api';

const KIND_COLORS: Record<TLedgerEntryKind, string> = {
  sale: 'green',
  ppn: 'teal',
  platform_fee: 'orange',
  refund: 'red',
  payout: 'blue',
};

function Amount({ value, testId }: { value: number; testId?: string }) {
  return (
    <Text
      span
      fw={600}
      c={value < 0 ? 'red.7' : undefined}
      style={{ whiteSpace: 'nowrap' }}
      data-testid={testId}
    >
      {formatRupiah(value)}
    </Text>
  );
}

/** What the platform owes the UMKM now, and the sum of each kind of entry that makes it. */
function BalanceCard({ seller }: { seller: LedgerOwner }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ledgerKeys.balance(seller),
    queryFn: ({ signal }) => getLedgerBalance(seller, signal),
  });
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const balance = query.data;
  return (
    <Card withBorder radius="md" p="md" data-testid="ledger-balance">
      <Stack gap="sm">
        <div>
          <Text size="sm" c="dimmed">
            {t('ledger.balance')}
          </Text>
          <Title
            order={2}
            size="h1"
            c={balance.balanceRupiah < 0 ? 'red.7' : undefined}
            data-testid="ledger-balance-amount"
          >
            {formatRupiah(balance.balanceRupiah)}
          </Title>
          <Text size="xs" c="dimmed">
            {balance.balanceRupiah < 0 ? t('ledger.balanceNegative') : t('ledger.balanceHint')}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
          {LEDGER_ENTRY_KINDS.map((kind) => (
            <div key={kind}>
              <Text size="xs" c="dimmed">
                {t(`ledger.kinds.${kind}`)}
              </Text>
              <Amount value={balance.byKind[kind]} testId={`ledger-sum-${kind}`} />
            </div>
          ))}
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

/** From/to (WIB calendar days, both optional) and a link the browser downloads with the session cookie. */
function CsvDownload({ seller }: { seller: LedgerOwner }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const inverted = Boolean(from && to && from > to);
  return (
    <Card withBorder radius="md" p="md">
      <Stack gap="xs">
        <Text fw={600}>{t('ledger.csv.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('ledger.csv.hint')}
        </Text>
        <Group align="flex-end" gap="sm">
          <TextInput
            type="date"
            label={t('ledger.csv.from')}
            value={from}
            onChange={(event) => setFrom(event.currentTarget.value)}
            error={inverted ? t('ledger.csv.inverted') : undefined}
            data-testid="ledger-csv-from"
          />
          <TextInput
            type="date"
            label={t('ledger.csv.to')}
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
            data-testid="ledger-csv-to"
          />
          <Button
            component="a"
            href={
              inverted ? undefined : ledgerCsvUrl(seller, { from: from || undefined, to: to || undefined })
            }
            download
            variant="light"
            disabled={inverted}
            data-testid="ledger-csv-download"
          >
            {t('ledger.csv.download')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function EntryRow({ entry }: { entry: TLedgerEntry }) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid="ledger-entry">
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {formatDateTimeWib(entry.occurredAt, currentLanguage())}
      </Table.Td>
      <Table.Td>
        <Badge color={KIND_COLORS[entry.kind]} variant="light">
          {t(`ledger.kinds.${entry.kind}`)}
        </Badge>
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>
        {entry.description}
        {entry.sellerOrderNumber && (
          <Text size="xs" c="dimmed">
            {entry.sellerOrderNumber}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <Amount value={entry.amountRupiah} />
      </Table.Td>
    </Table.Tr>
  );
}

/** Balance, CSV download and the entries newest first: the seller's own page and Dinkop's view of a UMKM. */
export function LedgerView({ seller }: { seller: LedgerOwner }) {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: ledgerKeys.entries(seller),
    queryFn: ({ pageParam, signal }) => listLedgerEntries(seller, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
  const entries = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="lg">
      <BalanceCard seller={seller} />
      <CsvDownload seller={seller} />
      <Title order={2} size="h4">
        {t('ledger.entries')}
      </Title>
      <PagedList query={query} count={entries.length} empty={t('ledger.empty')} testIdPrefix="ledger-entries">
        {entries.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table striped withTableBorder verticalSpacing="xs" data-testid="ledger-entries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('ledger.columns.date')}</Table.Th>
                  <Table.Th>{t('ledger.columns.kind')}</Table.Th>
                  <Table.Th>{t('ledger.columns.description')}</Table.Th>
                  <Table.Th ta="right">{t('ledger.columns.amount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => (
                  <EntryRow key={entry.id} entry={entry} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </PagedList>
    </Stack>
  );
}
