import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TInvoiceStatus } from '@shared/contracts/invoices';

const COLOR: Record<TInvoiceStatus, string> = { unpaid: 'orange', paid: 'green', credited: 'gray' };

export function InvoiceStatusBadge({
  status,
  overdue,
  testId,
}: {
  status: TInvoiceStatus;
  /** Unpaid and past its due date (WIB). */
  overdue?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Badge
      color={overdue ? 'red' : COLOR[status]}
      variant="light"
      data-testid={testId}
      data-status={status}
      style={{ flexShrink: 0 }}
    >
      {overdue ? t('invoices.overdue') : t(`invoices.status.${status}`)}
    </Badge>
  );
}
