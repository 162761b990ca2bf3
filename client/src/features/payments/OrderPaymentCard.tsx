import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Stripe } from '@stripe/stripe-js';
import type { ORDER_PAYMENT_STATUSES, TBuyerOrder, TOrderPayment } from '@shared/contracts/orders';
import { formatDateTimeWib } from '@shared/time';
import { ApiError } from '../../api/client';
import { getBuyerOrder, queryKeys, startOrderPayment } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { InfoRow } from '../../components/InfoRow';
import { currentLanguage } from '../../i18n';
import { hasRole, useSession } from '../auth/session';
import { PaymentElementForm } from './PaymentElementForm';
import { loadStripeJs, StripeUnavailableError } from './stripeLoader';

type TOrderPaymentStatus = (typeof ORDER_PAYMENT_STATUSES)[number];

const PAYMENT_STATUS_COLOR: Record<TOrderPaymentStatus, string> = {
  awaiting: 'orange',
  paid: 'green',
  expired: 'gray',
  on_terms: 'blue',
};

/** How long the page keeps asking after the buyer came back from the provider (webhooks take seconds). */
const RETURN_POLL_MS = 120_000;
const RETURN_POLL_EVERY_MS = 3_000;

/** `Bayar online` or `Tempo 30 hari`: the payment method as buyers name it. */
export function usePaymentMethodLabel() {
  const { t } = useTranslation();
  return (payment: Pick<TOrderPayment, 'method' | 'termDays'>) =>
    payment.method === 'tempo' && payment.termDays !== null
      ? t('payments.methodTempo', { days: payment.termDays })
      : t(`payments.methods.${payment.method}`);
}

export function PaymentStatusBadge({ status }: { status: TOrderPaymentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={PAYMENT_STATUS_COLOR[status]}
      variant="light"
      data-testid="order-payment-status"
      data-status={status}
      style={{ flexShrink: 0 }}
    >
      {t(`payments.status.${status}`)}
    </Badge>
  );
}

type Checkout =
  | { kind: 'form'; stripe: Stripe; clientSecret: string; amountRupiah: number }
  /** The provider already has the money or is moving it: nothing to type, the webhook will confirm. */
  | { kind: 'underway' };

/**
 * "Bayar sekarang": asks the server for the order's payment (the same one on every click), loads Stripe.js
 * with the publishable key it names, and shows the Payment Element. When js.stripe.com cannot be reached
 * the buyer reads why instead of an empty box, and can try again.
 */
function PayNow({ order }: { order: TBuyerOrder }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [checkout, setCheckout] = useState<Checkout | null>(null);
  const start = useMutation({
    mutationFn: async (): Promise<Checkout> => {
      const started = await startOrderPayment(order.id);
      if (started.status === 'succeeded' || started.status === 'processing') return { kind: 'underway' };
      const stripe = await loadStripeJs(started.publishableKey);
      return { kind: 'form', stripe, clientSecret: started.clientSecret, amountRupiah: started.amountRupiah };
    },
    onSuccess: (result) => {
      setCheckout(result);
      if (result.kind === 'underway')
        void queryClient.invalidateQueries({ queryKey: queryKeys.buyerOrder(order.id) });
    },
    onError: (error) => {
      // The payment was cancelled or its time ran out meanwhile: show the order as it is now.
      if (error instanceof ApiError && error.code === 'INVALID_STATE')
        void queryClient.invalidateQueries({ queryKey: queryKeys.buyerOrder(order.id) });
    },
  });

  if (checkout?.kind === 'form') {
    return (
      <PaymentElementForm
        stripe={checkout.stripe}
        clientSecret={checkout.clientSecret}
        amountRupiah={checkout.amountRupiah}
        returnUrl={`${window.location.origin}/pesanan/${encodeURIComponent(order.id)}`}
      />
    );
  }
  if (checkout?.kind === 'underway') {
    return (
      <Alert color="blue" variant="light" data-testid="payment-underway">
        {t('payments.underway')}
      </Alert>
    );
  }
  const error = start.error;
  return (
    <Stack gap="xs">
      {error instanceof StripeUnavailableError ? (
        <Alert color="red" variant="light" role="alert" data-testid="payment-unavailable">
          {t('payments.loadFailed')}
        </Alert>
      ) : (
        error && (
          <ErrorAlert
            error={error}
            message={
              error instanceof ApiError && error.code === 'INVALID_STATE'
                ? t('payments.paymentClosed')
                : undefined
            }
            testId="payment-start-error"
          />
        )
      )}
      <div>
        <Button onClick={() => start.mutate()} loading={start.isPending} data-testid="pay-now">
          {error ? t('payments.tryAgain') : t('payments.payNow')}
        </Button>
      </div>
    </Stack>
  );
}

/**
 * Back from the provider's page (`?redirect_status=…` added by Stripe to our return URL): what happened,
 * in words, and the order asked for again every few seconds until the payment is confirmed (the live
 * update usually comes first).
 */
function ReturnedFromProvider({ order, sent }: { order: TBuyerOrder; sent: boolean }) {
  const { t } = useTranslation();
  const [pollUntil] = useState(() => Date.now() + RETURN_POLL_MS);
  useQuery({
    queryKey: queryKeys.buyerOrder(order.id),
    queryFn: ({ signal }) => getBuyerOrder(order.id, signal),
    refetchInterval: (query) =>
      sent && query.state.data?.payment.status === 'awaiting' && Date.now() < pollUntil
        ? RETURN_POLL_EVERY_MS
        : false,
  });
  return sent ? (
    <Alert color="blue" variant="light" data-testid="payment-returned">
      {t('payments.returned.sent')}
    </Alert>
  ) : (
    <Alert color="red" variant="light" role="alert" data-testid="payment-returned">
      {t('payments.returned.failed')}
    </Alert>
  );
}

/**
 * The order's payment on its page: how it is paid (online or on terms), where that stands, by when it
 * must be paid or when it was; and, for those who may pay (admins and purchasers, the server's rule),
 * the way to pay an online order that still waits for its money.
 */
export function OrderPaymentCard({ order }: { order: TBuyerOrder }) {
  const me = useSession();
  const { t } = useTranslation();
  const locale = currentLanguage();
  const methodLabel = usePaymentMethodLabel();
  const [searchParams] = useSearchParams();
  const { payment } = order;
  const redirectStatus = searchParams.get('redirect_status');
  // Sent to the provider: paying again now would only be refused; the page waits for the confirmation.
  const sent = redirectStatus === 'succeeded' || redirectStatus === 'processing';
  const waiting =
    payment.method === 'online' && payment.status === 'awaiting' && order.status === 'awaiting_payment';
  const mayPay = hasRole(me, 'admin', 'purchaser');
  return (
    <Card withBorder radius="md" p={{ base: 'sm', sm: 'md' }} data-testid="order-payment">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Title order={2} size="h4">
            {t('payments.title')}
          </Title>
          <PaymentStatusBadge status={payment.status} />
        </Group>
        <Stack gap={0}>
          <InfoRow label={t('payments.method')} testId="order-payment-method">
            {methodLabel(payment)}
          </InfoRow>
          {payment.deadlineAt && payment.status === 'awaiting' && (
            <InfoRow label={t('payments.deadline')} testId="order-payment-deadline">
              {formatDateTimeWib(payment.deadlineAt, locale)}
            </InfoRow>
          )}
          {payment.paidAt && (
            <InfoRow label={t('payments.paidAt')} testId="order-payment-paid-at">
              {formatDateTimeWib(payment.paidAt, locale)}
            </InfoRow>
          )}
        </Stack>
        {payment.method === 'tempo' && payment.termDays !== null && (
          <Text size="sm" c="dimmed">
            {t('payments.termsNote', { days: payment.termDays })}
          </Text>
        )}
        {payment.status === 'expired' && (
          <Text size="sm" c="dimmed">
            {t('payments.expiredNote')}
          </Text>
        )}
        {waiting && (
          <>
            <Text size="sm">
              {payment.deadlineAt
                ? t('payments.awaitingNote', { deadline: formatDateTimeWib(payment.deadlineAt, locale) })
                : t('payments.awaitingNoteNoDeadline')}
            </Text>
            {redirectStatus && <ReturnedFromProvider order={order} sent={sent} />}
            {sent ? null : mayPay ? (
              <PayNow order={order} />
            ) : (
              <Text size="sm" c="dimmed">
                {t('payments.notPayer')}
              </Text>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
