import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Anchor, Button, Card, Divider, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ZObjectId } from '@shared/contracts/common';
import { ZMarkInvoicePaidRequest, type TInvoice } from '@shared/contracts/invoices';
import { formatRupiah } from '@shared/money';
import { formatDateTimeWib, todayInWib } from '@shared/time';
import { ErrorAlert } from '../../components/ErrorAlert';
import { InfoRow } from '../../components/InfoRow';
import { detailPageState } from '../../components/PageProblem';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { currentLanguage } from '../../i18n';
import { useSession } from '../auth/session';
import { formatNumber } from '../catalog/catalogFormat';
import { unitLabel } from '../catalog/CatalogParts';
import { canMarkInvoicePaid } from './access';
import { getInvoice, invoiceKeys, invoicePdfUrl, markInvoicePaid } from './api';
import { AmountRow } from '../orders/orderParts';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { dueDateText, isOverdue } from './InvoicesPage';

/** Lines with their DPP and PPN shares (PKP sellers only), then the totals. */
function InvoiceLines({ invoice }: { invoice: TInvoice }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const pkp = invoice.seller.isPkp;
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={pkp ? 640 : 420}>
        <Table verticalSpacing={4} fz="sm" data-testid="invoice-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('invoices.lines.product')}</Table.Th>
              <Table.Th ta="right">{t('invoices.lines.quantity')}</Table.Th>
              <Table.Th ta="right">{t('invoices.lines.unitPrice')}</Table.Th>
              <Table.Th ta="right">{t('invoices.lines.amount')}</Table.Th>
              {pkp && <Table.Th ta="right">{t('invoices.lines.taxBase')}</Table.Th>}
              {pkp && <Table.Th ta="right">{t('invoices.lines.ppn')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoice.lines.map((line, i) => (
              <Table.Tr key={i}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{line.name}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatNumber(line.quantity, locale)} {unitLabel(line.unit, t, line.quantity)}
                </Table.Td>
                <Table.Td ta="right">{formatRupiah(line.unitPrice)}</Table.Td>
                <Table.Td ta="right">{formatRupiah(line.lineTotal)}</Table.Td>
                {pkp && <Table.Td ta="right">{formatRupiah(line.taxBase)}</Table.Td>}
                {pkp && <Table.Td ta="right">{formatRupiah(line.ppn)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Divider />
      <Stack gap={4}>
        <AmountRow label={t('invoices.totals.subtotal')} amount={invoice.totals.subtotal} />
        {pkp && <AmountRow label={t('invoices.totals.taxBase')} amount={invoice.totals.taxBase} />}
        {pkp && <AmountRow label={t('invoices.totals.ppn')} amount={invoice.totals.ppn} />}
        <AmountRow
          label={t('invoices.totals.total')}
          amount={invoice.totals.total}
          strong
          testId="invoice-total"
        />
        {!pkp && (
          <Text size="xs" c="dimmed">
            {t('invoices.totals.notPkp')}
          </Text>
        )}
      </Stack>
    </Stack>
  );
}

/** "Tandai sudah dibayar": the transfer reference and the day the money arrived (today by default). */
function MarkPaidForm({ invoice }: { invoice: TInvoice }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [transferReference, setTransferReference] = useState('');
  const [paidOn, setPaidOn] = useState(todayInWib());
  const fields = useFieldErrors();
  const mutation = useMutation({
    mutationFn: (body: { transferReference: string; paidOn: string }) => markInvoicePaid(invoice.id, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(invoiceKeys.one(invoice.id), saved);
      void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
      notifications.show({ color: 'green', message: t('invoices.markPaid.saved', { number: saved.number }) });
    },
    onError: (error) => {
      fields.setServer(serverFieldErrors(error));
      void queryClient.invalidateQueries({ queryKey: invoiceKeys.one(invoice.id) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(ZMarkInvoicePaidRequest, { transferReference, paidOn }, t);
    if (!checked.ok) {
      fields.setErrors(checked.errors);
      focusFirstInvalid(formRef.current);
      return;
    }
    mutation.mutate(checked.data);
  };
  return (
    <Card withBorder radius="md" p="sm" component="form" ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t('invoices.markPaid.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('invoices.markPaid.intro')}
        </Text>
        <TextInput
          label={t('invoices.markPaid.reference')}
          description={t('invoices.markPaid.referenceHint')}
          required
          maxLength={60}
          value={transferReference}
          {...fields.bind('transferReference', setTransferReference)}
          data-testid="invoice-transfer-reference"
        />
        <TextInput
          type="date"
          label={t('invoices.markPaid.paidOn')}
          required
          max={todayInWib()}
          value={paidOn}
          {...fields.bind('paidOn', setPaidOn)}
          data-testid="invoice-paid-on"
        />
        <ErrorAlert error={mutation.error} showIssues fieldKeys={['transferReference', 'paidOn']} />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending} data-testid="invoice-mark-paid">
            {t('invoices.markPaid.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** `/faktur/:invoiceId`: one invoice with its lines, DPP/PPN, due date (WIB), payment and the PDF. */
export function InvoicePage() {
  const me = useSession();
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { invoiceId = '' } = useParams();
  const validId = ZObjectId.safeParse(invoiceId).success;
  const query = useQuery({
    queryKey: invoiceKeys.one(invoiceId),
    queryFn: ({ signal }) => getInvoice(invoiceId, signal),
    enabled: validId,
  });
  const back = (
    <Anchor component={Link} to="/faktur" size="sm">
      {t('invoices.back')}
    </Anchor>
  );
  const problem = detailPageState(query, {
    validId,
    back,
    notFound: { text: t('invoices.notFound'), testId: 'invoice-not-found' },
  });
  if (problem) return problem;

  const invoice = query.data!;
  const orderLink =
    me.organisation.kind === 'buyer'
      ? `/pesanan/${invoice.buyerOrderId}`
      : me.organisation.kind === 'umkm'
        ? `/usaha/pesanan/${invoice.sellerOrderId}`
        : null;
  const party = (p: TInvoice['buyer']) => (
    <Stack gap={0}>
      <Text size="sm" fw={600}>
        {p.name}
      </Text>
      <Text size="sm">{p.address ?? '-'}</Text>
      <Text size="sm" c="dimmed">
        {t('invoices.npwp', { npwp: p.npwp ?? '-' })}
      </Text>
    </Stack>
  );
  return (
    <Stack gap="md" data-testid="invoice">
      {back}
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }} data-testid="invoice-number">
            {invoice.number}
          </Title>
          <Text size="sm" c="dimmed">
            {t('invoices.issuedAt', { date: formatDateTimeWib(invoice.issuedAt, locale) })}
          </Text>
        </div>
        <InvoiceStatusBadge status={invoice.status} overdue={isOverdue(invoice)} testId="invoice-status" />
      </Group>
      <Group>
        <Button component="a" href={invoicePdfUrl(invoice.id)} variant="default" data-testid="invoice-pdf">
          {t('invoices.downloadPdf')}
        </Button>
      </Group>
      <Card withBorder radius="md" p="sm">
        <InfoRow label={t('invoices.seller')}>{party(invoice.seller)}</InfoRow>
        <InfoRow label={t('invoices.buyer')}>{party(invoice.buyer)}</InfoRow>
        <InfoRow label={t('invoices.order')}>
          {orderLink ? (
            <Anchor component={Link} to={orderLink} size="sm">
              {invoice.sellerOrderNumber}
            </Anchor>
          ) : (
            invoice.sellerOrderNumber
          )}
        </InfoRow>
        <InfoRow label={t('invoices.purchaseOrder')}>{invoice.purchaseOrderNumber ?? '-'}</InfoRow>
      </Card>
      <Card withBorder radius="md" p="sm">
        <InvoiceLines invoice={invoice} />
      </Card>
      <Card withBorder radius="md" p="sm">
        <InfoRow label={t('invoices.paymentMethod')}>
          {invoice.paymentMethod === 'tempo'
            ? t('invoices.tempoDays', { days: invoice.termDays ?? '-' })
            : t('invoices.method.online')}
        </InfoRow>
        {invoice.dueDate && (
          <InfoRow label={t('invoices.dueDate')} testId="invoice-due-date">
            {dueDateText(invoice.dueDate, locale)} (WIB)
          </InfoRow>
        )}
        {invoice.paidAt && (
          <InfoRow label={t('invoices.paidAt')}>{formatDateTimeWib(invoice.paidAt, locale)}</InfoRow>
        )}
        {invoice.paymentReference && (
          <InfoRow label={t('invoices.reference')}>
            {invoice.paymentReference}
            {invoice.paidByName ? ` · ${t('invoices.recordedBy', { name: invoice.paidByName })}` : ''}
          </InfoRow>
        )}
        {invoice.creditNote && (
          <InfoRow label={t('invoices.creditNote')} testId="invoice-credit-note">
            {invoice.creditNote.number} · {invoice.creditNote.reason} ·{' '}
            {formatDateTimeWib(invoice.creditNote.at, locale)}
          </InfoRow>
        )}
      </Card>
      {invoice.status === 'unpaid' && invoice.paymentMethod === 'tempo' && canMarkInvoicePaid(me) && (
        <MarkPaidForm invoice={invoice} />
      )}
    </Stack>
  );
}
