import type { ReactNode } from 'react';
import { Anchor, Divider, Group, Image, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { TSellerOrder, ZOrderTotals } from '@shared/contracts/orders';
import { formatRupiah } from '@shared/money';
import { formatDateTimeWib, formatDateWib } from '@shared/time';
import { receiptPhotoUrl } from '../../api/endpoints';
import { formatAddress } from '../../components/AddressFields';
import { InfoRow } from '../../components/InfoRow';
import { currentLanguage } from '../../i18n';
import { formatNumber } from '../catalog/catalogFormat';
import { unitLabel } from '../catalog/CatalogParts';
import { SELLER_ORDER_STATUS_COLOR } from './orderStatus';

type TOrderTotals = z.infer<typeof ZOrderTotals>;

/** A labelled rupiah amount in a totals block (orders, invoices). */
export function AmountRow({
  label,
  amount,
  strong,
  testId,
}: {
  label: string;
  amount: number;
  strong?: boolean;
  testId?: string;
}) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
      <Text size="sm" fw={strong ? 700 : undefined}>
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : 500} style={{ whiteSpace: 'nowrap' }} data-testid={testId}>
        {formatRupiah(amount)}
      </Text>
    </Group>
  );
}

/** Subtotal, PPN (only PKP sellers charge it: 12% of the DPP, 11/12 of the price) and the total. */
export function OrderTotals({
  totals,
  saving,
  testId,
}: {
  totals: TOrderTotals;
  saving?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid={testId}>
      <AmountRow label={t('orders.totals.subtotal')} amount={totals.subtotal} />
      {totals.ppn > 0 && (
        <AmountRow
          label={t('orders.totals.ppn', { taxBase: formatRupiah(totals.taxBase) })}
          amount={totals.ppn}
        />
      )}
      <AmountRow
        label={t('orders.totals.total')}
        amount={totals.total}
        strong
        testId={testId && `${testId}-total`}
      />
      {saving !== undefined && saving > 0 && (
        <Text size="sm" c="green.8" ta="right">
          {t('orders.totals.saving', { amount: formatRupiah(saving) })}
        </Text>
      )}
    </Stack>
  );
}

/** The ordered lines at the prices snapshotted when the order was placed. */
export function OrderLines({ lines }: { lines: TSellerOrder['lines'] }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return (
    <Stack gap="xs" data-testid="order-lines">
      {lines.map((line) => (
        <div key={line.productId} data-testid="order-line">
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {line.name}
          </Text>
          <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
            <Text size="sm" c="dimmed">
              {t('orders.lineQuantity', {
                quantity: formatNumber(line.quantity, locale),
                unit: unitLabel(line.unit, t, line.quantity),
                price: formatRupiah(line.unitPrice),
              })}
            </Text>
            <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
              {formatRupiah(line.lineTotal)}
            </Text>
          </Group>
          {line.basePrice > line.unitPrice && (
            <Text size="xs" c="green.8">
              {t('orders.lineSaving', {
                amount: formatRupiah((line.basePrice - line.unitPrice) * line.quantity),
                basePrice: formatRupiah(line.basePrice),
              })}
            </Text>
          )}
        </div>
      ))}
    </Stack>
  );
}

/**
 * Where and when the goods go, and what the buyer wrote with the order. A delivery location chosen at
 * checkout comes with its name, recipient and note for the courier, as they were when the order was placed.
 */
export function DeliveryDetails({ order, extra }: { order: TSellerOrder; extra?: ReactNode }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return (
    <Stack gap={0}>
      {extra}
      <InfoRow label={t('orders.requestedDeliveryDate')} testId="order-delivery-date">
        {formatDateWib(order.requestedDeliveryDate, locale)}
      </InfoRow>
      {order.deliveryAddress.label && (
        <InfoRow label={t('orders.deliveryLocation')} testId="order-delivery-location">
          {order.deliveryAddress.label}
        </InfoRow>
      )}
      <InfoRow label={t('orders.deliveryAddress')} testId="order-delivery-address">
        {formatAddress(order.deliveryAddress)}
      </InfoRow>
      {order.deliveryAddress.recipientName && (
        <InfoRow label={t('orders.recipient')} testId="order-recipient">
          {order.deliveryAddress.recipientPhone
            ? t('orders.recipientWithPhone', {
                name: order.deliveryAddress.recipientName,
                phone: order.deliveryAddress.recipientPhone,
              })
            : order.deliveryAddress.recipientName}
        </InfoRow>
      )}
      {order.deliveryAddress.courierNote && (
        <InfoRow label={t('orders.courierNote')}>
          <span style={{ whiteSpace: 'pre-line' }}>{order.deliveryAddress.courierNote}</span>
        </InfoRow>
      )}
      {order.purchaseOrderNumber && (
        <InfoRow label={t('orders.purchaseOrderNumber')}>{order.purchaseOrderNumber}</InfoRow>
      )}
      {order.notes && (
        <InfoRow label={t('orders.notes')}>
          <span style={{ whiteSpace: 'pre-line' }}>{order.notes}</span>
        </InfoRow>
      )}
    </Stack>
  );
}

/** Courier and tracking number once shipped; the BAST (and its photo, when added) once the buyer has them. */
export function ShipmentAndReceipt({ order }: { order: TSellerOrder }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  if (!order.shipment && !order.receipt) return null;
  return (
    <Stack gap={0}>
      {order.shipment && (
        <>
          <InfoRow label={t('orders.shipment.courier')} testId="order-courier">
            {order.shipment.courier}
          </InfoRow>
          <InfoRow label={t('orders.shipment.trackingNumber')} testId="order-tracking-number">
            {order.shipment.trackingNumber}
          </InfoRow>
          <InfoRow label={t('orders.shipment.shippedAt')}>
            {formatDateTimeWib(order.shipment.shippedAt, locale)}
          </InfoRow>
        </>
      )}
      {order.shipment && order.receipt && <Divider my={4} />}
      {order.receipt && (
        <>
          <InfoRow label={t('orders.receipt.bastNumber')} testId="order-bast-number">
            {order.receipt.bastNumber}
          </InfoRow>
          <InfoRow label={t('orders.receipt.receivedAt')}>
            {t('orders.receipt.receivedBy', {
              name: order.receipt.byName,
              date: formatDateTimeWib(order.receipt.receivedAt, locale),
            })}
          </InfoRow>
          {order.receipt.note && (
            <InfoRow label={t('orders.receipt.note')}>
              <span style={{ whiteSpace: 'pre-line' }}>{order.receipt.note}</span>
            </InfoRow>
          )}
        </>
      )}
      {order.receiptPhoto && (
        <InfoRow label={t('orders.receipt.photo')} testId="order-receipt-photo">
          <Anchor
            href={receiptPhotoUrl(order.id, order.receiptPhoto.id, 'original')}
            target="_blank"
            rel="noopener"
            aria-label={t('photos.openOriginal')}
          >
            <Image
              src={receiptPhotoUrl(order.id, order.receiptPhoto.id, 'small')}
              alt={t('orders.receipt.photoAlt', { number: order.number })}
              w={160}
              h={120}
              fit="cover"
              radius="sm"
              bg="gray.1"
            />
          </Anchor>
        </InfoRow>
      )}
    </Stack>
  );
}

/** Every step of the seller order, newest first: to which status, who (which side) and when, and why. */
export function OrderTimeline({ history }: { history: TSellerOrder['history'] }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const newestFirst = [...history].reverse();
  return (
    <Timeline active={newestFirst.length - 1} bulletSize={16} lineWidth={2} data-testid="order-timeline">
      {newestFirst.map((entry, index) => (
        <Timeline.Item
          key={`${entry.at}-${index}`}
          data-testid="order-timeline-entry"
          data-to={entry.to}
          bullet={<ThemeIcon size={16} radius="xl" color={SELLER_ORDER_STATUS_COLOR[entry.to]} />}
          title={
            <Text size="sm" fw={600}>
              {t(`orders.sellerStatus.${entry.to}`)}
            </Text>
          }
        >
          <Text size="xs" c="dimmed">
            {t('orders.historyBy', {
              name: entry.byName,
              party: t(`orders.party.${entry.byParty}`),
              date: formatDateTimeWib(entry.at, locale),
            })}
          </Text>
          {entry.reason && (
            <Text size="sm" mt={2} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
              {t('orders.historyReason', { reason: entry.reason })}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
