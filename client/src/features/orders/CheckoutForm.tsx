import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Anchor, Button, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  ZInsufficientStockDetails,
  ZPlaceOrderRequest,
  type TCart,
  type TPlaceOrderRequest,
} from '@shared/contracts/orders';
import { formatRupiah } from '@shared/money';
import { formatDateWib } from '@shared/time';
import { ApiError } from '../../api/client';
import { getOrganisation, listDeliveryLocations, placeOrder, queryKeys } from '../../api/endpoints';
import { formatAddress } from '../../components/AddressFields';
import { CountedTextarea } from '../../components/CountedTextarea';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { currentLanguage } from '../../i18n';
import { isOrgAdmin, useSession } from '../auth/session';
import { formatNumber } from '../catalog/catalogFormat';
import { unitLabel } from '../catalog/CatalogParts';
import { useCartSaving } from './useCart';
import {
  CheckoutPaymentChoice,
  creditLimitMessage,
  useCheckoutPayment,
} from '../payments/CheckoutPaymentChoice';

const PO_NUMBER_MAX = 60;
const NOTES_MAX = 1000;

/**
 * 16 random bytes as hex. Not crypto.randomUUID(): that exists only on https or localhost, and a demo is
 * often opened over plain http on a LAN address.
 */
function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

/**
 * One Idempotency-Key per checkout attempt: the same submission sent again (a double click, a retry after
 * a network error) carries the same key, so the server answers with the order it already made; a changed
 * submission is a new attempt with a new key (the server refuses an old key with another body).
 */
function useAttemptKey() {
  const attempt = useRef<{ key: string; body: string } | null>(null);
  return (body: TPlaceOrderRequest): string => {
    const serialized = JSON.stringify(body);
    if (attempt.current?.body !== serialized)
      attempt.current = { key: newIdempotencyKey(), body: serialized };
    return attempt.current.key;
  };
}

/** Per product id: why checkout refused that line (409 short stock, or a 400/404 issue on `lines[i]`). */
function lineProblemsOf(
  error: unknown,
  sent: TPlaceOrderRequest,
  cart: TCart,
  t: TFunction,
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!(error instanceof ApiError)) return problems;
  if (error.code === 'INSUFFICIENT_STOCK') {
    const details = ZInsufficientStockDetails.safeParse(error.details);
    const units = new Map(
      cart.groups.flatMap((group) => group.lines).map((line) => [line.productId, line.unit]),
    );
    const locale = currentLanguage();
    for (const short of details.success ? details.data.lines : []) {
      const unit = units.get(short.productId) ?? 'pcs';
      problems[short.productId] = t('orders.checkout.shortLine', {
        available: formatNumber(short.available, locale),
        requested: formatNumber(short.requested, locale),
        unit: unitLabel(unit, t, short.available),
      });
    }
    return problems;
  }
  for (const [key, message] of Object.entries(serverFieldErrors(error))) {
    const match = /^lines\.(\d+)\./.exec(key);
    const productId = match ? sent.lines[Number(match[1])]?.productId : undefined;
    if (productId) problems[productId] = message;
  }
  return problems;
}

/**
 * Where the goods go: the organisation's address, or one of its delivery locations when it has any.
 * '' stands for the organisation's address, as the select's value.
 */
function DeliveryDestination({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (locationId: string) => void;
  error: string | undefined;
}) {
  const me = useSession();
  const { t } = useTranslation();
  const organisation = useQuery({ queryKey: queryKeys.organisation, queryFn: getOrganisation });
  const locations = useQuery({
    queryKey: queryKeys.deliveryLocations,
    queryFn: ({ signal }) => listDeliveryLocations(signal),
  });
  const address = organisation.data?.address ?? null;
  const items = locations.data?.items ?? [];
  const chosen = items.find((location) => location.id === value);
  return (
    <Stack gap={4}>
      {items.length > 0 || value ? (
        <NativeSelect
          label={t('orders.checkout.destination')}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          error={error}
          data={[
            {
              value: '',
              label: address
                ? t('orders.checkout.organisationAddress')
                : t('orders.checkout.organisationAddressMissing'),
            },
            ...items.map((location) => ({ value: location.id, label: location.label })),
            // Removed by an admin since it was chosen: said so, and held, never silently replaced.
            ...(value && !chosen
              ? [{ value, label: t('orders.checkout.locationGone'), disabled: true }]
              : []),
          ]}
          data-testid="checkout-location"
        />
      ) : (
        <Text size="sm" fw={500}>
          {t('orders.deliveryAddress')}
        </Text>
      )}
      {chosen ? (
        <Text size="sm" data-testid="checkout-address">
          {t('deliveryLocations.recipientLine', { name: chosen.recipientName, phone: chosen.recipientPhone })}
          <br />
          {formatAddress(chosen.address)}
        </Text>
      ) : (
        <Text size="sm" c={address ? undefined : 'dimmed'} data-testid="checkout-address">
          {organisation.data
            ? address
              ? formatAddress(address)
              : t('orders.checkout.noAddress')
            : t('app.loading')}
        </Text>
      )}
      {!chosen && organisation.isSuccess && !address && (
        <Anchor component={Link} to="/organisasi" size="sm">
          {t('orders.checkout.fillAddress')}
        </Anchor>
      )}
      {locations.isError && (
        <ErrorAlert
          error={locations.error}
          message={t('orders.checkout.locationsFailed')}
          onRetry={() => void locations.refetch()}
        />
      )}
      {isOrgAdmin(me) && locations.isSuccess && (
        <Anchor component={Link} to="/organisasi/lokasi-pengiriman" size="sm">
          {t('orders.checkout.manageLocations')}
        </Anchor>
      )}
    </Stack>
  );
}

/**
 * Checkout below the cart: where the goods go, delivery date (no earlier than the longest lead time
 * allows), PO number and notes. Only the lines of products on sale are ordered.
 */
export function CheckoutForm({
  cart,
  onLineProblems,
}: {
  cart: TCart;
  onLineProblems: (problems: Record<string, string>) => void;
}) {
  const me = useSession();
  const { t } = useTranslation();
  const locale = currentLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const organisation = useQuery({ queryKey: queryKeys.organisation, queryFn: getOrganisation });
  const locations = useQuery({
    queryKey: queryKeys.deliveryLocations,
    queryFn: ({ signal }) => listDeliveryLocations(signal),
  });
  const fields = useFieldErrors();
  const attemptKey = useAttemptKey();
  const cartSaving = useCartSaving();
  // null: the earliest date the cart allows, following the cart as it changes until the buyer picks one.
  const [deliveryDate, setDeliveryDate] = useState<string | null>(null);
  const [purchaseOrderNumber, setPurchaseOrderNumber] = useState('');
  const [notes, setNotes] = useState('');
  const [deliveryLocationId, setDeliveryLocationId] = useState('');
  const payment = useCheckoutPayment(cart.totals.total);

  const submission = useMutation({
    mutationFn: ({ key, body }: { key: string; body: TPlaceOrderRequest }) => placeOrder(key, body),
    onSuccess: (order) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.cart });
      void queryClient.invalidateQueries({ queryKey: queryKeys.ordersAll });
      // An order on terms takes from the credit line: what is left has changed.
      void queryClient.invalidateQueries({ queryKey: queryKeys.myCreditLine });
      notifications.show({
        color: 'green',
        message:
          order.payment.status === 'awaiting'
            ? t('orders.checkout.placedAwaitingPayment', { number: order.number })
            : t('orders.checkout.placed', { number: order.number }),
      });
      void navigate(`/pesanan/${order.id}`);
    },
    onError: (error, { body }) => {
      fields.setServer(serverFieldErrors(error));
      onLineProblems(lineProblemsOf(error, body, cart, t));
      // Availability or prices may have moved: show the cart as it is now.
      void queryClient.invalidateQueries({ queryKey: queryKeys.cart });
      // So may the delivery locations: an admin may have just removed the chosen one.
      void queryClient.invalidateQueries({ queryKey: queryKeys.deliveryLocations });
      // And the credit line: other orders may have used it, or Dinkop changed it.
      if (
        error instanceof ApiError &&
        (error.code === 'CREDIT_LIMIT_EXCEEDED' || error.code === 'NOT_ON_TERMS')
      )
        void queryClient.invalidateQueries({ queryKey: queryKeys.myCreditLine });
    },
  });

  const lines = cart.groups.flatMap((group) => group.lines);
  const linesNeedWork = lines.some((line) => line.problem !== null);
  const address = organisation.data?.address ?? null;
  const location = locations.data?.items.find((item) => item.id === deliveryLocationId);
  const noDestination = deliveryLocationId ? !location : organisation.isSuccess && !address;
  const notVerified = me.organisation.status !== 'verified';
  const date = deliveryDate ?? cart.earliestDeliveryDate;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The button is held while sending or while a quantity is being saved; Enter in a field is not.
    if (submission.isPending || cartSaving || payment.loading) return;
    const form = event.currentTarget;
    const checked = validate(
      ZPlaceOrderRequest,
      {
        lines: lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
        requestedDeliveryDate: date,
        ...(purchaseOrderNumber.trim() ? { purchaseOrderNumber } : {}),
        ...(notes.trim() ? { notes } : {}),
        ...(deliveryLocationId ? { deliveryLocationId } : {}),
        paymentMethod: payment.method,
      },
      t,
    );
    const errors = checked.ok ? {} : { ...checked.errors };
    if (checked.ok && checked.data.requestedDeliveryDate < cart.earliestDeliveryDate)
      errors.requestedDeliveryDate = t('orders.checkout.dateTooEarly', {
        date: formatDateWib(cart.earliestDeliveryDate, locale),
      });
    fields.setErrors(errors);
    focusFirstInvalid(form);
    if (!checked.ok || Object.keys(errors).length > 0) return;
    onLineProblems({});
    submission.mutate({ key: attemptKey(checked.data), body: checked.data });
  };

  const blocked = notVerified || linesNeedWork || cartSaving || noDestination || payment.loading;
  return (
    <form onSubmit={submit} noValidate data-testid="checkout-form">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('orders.checkout.title')}
        </Title>
        <DeliveryDestination
          value={deliveryLocationId}
          onChange={(locationId) => {
            setDeliveryLocationId(locationId);
            fields.clear('deliveryLocationId');
          }}
          error={fields.errorOf('deliveryLocationId')}
        />
        <TextInput
          type="date"
          label={t('orders.requestedDeliveryDate')}
          description={t('orders.checkout.dateHint', {
            date: formatDateWib(cart.earliestDeliveryDate, locale),
          })}
          min={cart.earliestDeliveryDate}
          required
          value={date}
          {...fields.bind('requestedDeliveryDate', setDeliveryDate)}
          data-testid="checkout-date"
        />
        <TextInput
          label={t('orders.purchaseOrderNumber')}
          description={t('orders.checkout.poHint')}
          maxLength={PO_NUMBER_MAX}
          value={purchaseOrderNumber}
          {...fields.bind('purchaseOrderNumber', setPurchaseOrderNumber)}
          data-testid="checkout-po-number"
        />
        <CountedTextarea
          label={t('orders.notes')}
          description={t('orders.checkout.notesHint')}
          minRows={2}
          maxLength={NOTES_MAX}
          value={notes}
          {...fields.bind('notes', setNotes)}
          countLabel={`${notes.trim().length}/${NOTES_MAX}`}
          data-testid="checkout-notes"
        />
        <CheckoutPaymentChoice payment={payment} total={cart.totals.total} />
        {notVerified && (
          <Alert color="yellow" variant="light" data-testid="checkout-not-verified">
            {t('orders.addToCart.blocked.notVerified')}
          </Alert>
        )}
        {linesNeedWork && (
          <Alert color="yellow" variant="light" data-testid="checkout-fix-lines">
            {t('orders.checkout.fixLines')}
          </Alert>
        )}
        {cart.unavailable.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('orders.checkout.unavailableLeftOut', { count: cart.unavailable.length })}
          </Text>
        )}
        {submission.isError && (
          <ErrorAlert
            error={submission.error}
            message={creditLimitMessage(submission.error, t)}
            showIssues
            fieldKeys={[
              'requestedDeliveryDate',
              'purchaseOrderNumber',
              'notes',
              'deliveryLocationId',
              'paymentMethod',
              ...lines.map((_, index) => `lines.${index}.quantity`),
              ...lines.map((_, index) => `lines.${index}.productId`),
            ]}
            testId="checkout-error"
          />
        )}
        {fields.errorOf('lines') && (
          <Text size="sm" c="red" role="alert">
            {fields.errorOf('lines')}
          </Text>
        )}
        <Button
          type="submit"
          size="md"
          fullWidth
          loading={submission.isPending}
          disabled={blocked}
          data-testid="checkout-submit"
        >
          {payment.method === 'online'
            ? t('orders.checkout.submitOnline', { total: formatRupiah(cart.totals.total) })
            : t('orders.checkout.submit', { total: formatRupiah(cart.totals.total) })}
        </Button>
      </Stack>
    </form>
  );
}
