import { Link } from 'react-router-dom';
import { Alert, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { INVOICE_STATUSES, type TInvoice } from '@shared/contracts/invoices';
import { formatRupiah } from '@shared/money';
import { formatDateTimeWib, formatDateWib, todayInWib } from '@shared/time';
import { PagedList } from '../../components/PagedList';
import { StatusFilter, useStatusFilter } from '../../components/StatusFilter';
import { currentLanguage } from '../../i18n';
import { useSession } from '../auth/session';
import { canReadInvoices } from './access';
import { invoiceKeys, listInvoices, type InvoiceFilters } from './api';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';

const PAGE_SIZE = 20;

export function isOverdue(invoice: Pick<TInvoice, 'status' | 'dueDate'>): boolean {
  return invoice.status === 'unpaid' && invoice.dueDate !== null && invoice.dueDate < todayInWib();
}

/** A due date (a WIB calendar date) in words, read at noon WIB so no time zone moves it a day. */
export function dueDateText(date: string, locale: 'id' | 'en'): string {
  return formatDateWib(`${date}T12:00:00+07:00`, locale);
}

function InvoiceRow({ invoice, side }: { invoice: TInvoice; side: 'buyer' | 'seller' | 'dinkop' }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const counterpart =
    side === 'buyer'
      ? invoice.seller.name
      : side === 'seller'
        ? invoice.buyer.name
        : `${invoice.seller.name} → ${invoice.buyer.name}`;
  return (
    <Card
      withBorder
      radius="md"
      p="sm"
      component={Link}
      to={`/faktur/${invoice.id}`}
      data-testid="invoice-row"
      data-invoice-id={invoice.id}
      style={{ color: 'inherit', textDecoration: 'none' }}
    >
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
              {counterpart}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {invoice.number} · {formatDateTimeWib(invoice.issuedAt, locale)}
            </Text>
          </div>
          <InvoiceStatusBadge
            status={invoice.status}
            overdue={isOverdue(invoice)}
            testId="invoice-row-status"
          />
        </Group>
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed">
            {invoice.dueDate
              ? t('invoices.dueOn', { date: dueDateText(invoice.dueDate, locale) })
              : t(`invoices.method.${invoice.paymentMethod}`)}
          </Text>
          <Text fw={700}>{formatRupiah(invoice.totals.total)}</Text>
        </Group>
      </Stack>
    </Card>
  );
}

/** `/faktur`: invoices this person may read, newest first, filtered by status. */
export function InvoicesPage() {
  const me = useSession();
  const { t } = useTranslation();
  const allowed = canReadInvoices(me);
  const { status, setStatus } = useStatusFilter(INVOICE_STATUSES);
  const filters: InvoiceFilters = {
    status,
    limit: PAGE_SIZE,
  };
  const query = useInfiniteQuery({
    queryKey: invoiceKeys.list(filters),
    queryFn: ({ pageParam, signal }) => listInvoices(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled: allowed,
  });
  if (!allowed) {
    return (
      <Alert color="gray" variant="light" data-testid="invoices-no-access">
        {t('invoices.noAccess')}
      </Alert>
    );
  }
  const side =
    me.organisation.kind === 'umkm' ? 'seller' : me.organisation.kind === 'buyer' ? 'buyer' : 'dinkop';
  const invoices = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('invoices.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t(`invoices.subtitle.${side}`)}
        </Text>
      </div>
      <StatusFilter
        label={t('invoices.filterStatus')}
        allLabel={t('invoices.allStatuses')}
        statuses={INVOICE_STATUSES}
        statusLabel={(value) => t(`invoices.status.${value}`)}
        status={status}
        onChange={setStatus}
        testId="invoices-filter"
      />
      <PagedList
        query={query}
        count={invoices.length}
        empty={filters.status ? t('invoices.emptyFiltered') : t('invoices.empty')}
        testIdPrefix="invoices"
        listTestId="invoice-list"
      >
        {invoices.map((invoice) => (
          <InvoiceRow key={invoice.id} invoice={invoice} side={side} />
        ))}
      </PagedList>
    </Stack>
  );
}
