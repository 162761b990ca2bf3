import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Stripe, StripeElements } from '@stripe/stripe-js';
import { formatRupiah } from '@shared/money';
import { currentLanguage } from '../../i18n';

/** Mantine's green.8, the app's primary colour, so the provider's form looks like the rest of the page. */
const PRIMARY_COLOUR = '#2f9e44';

/**
 * Stripe's Payment Element for one PaymentIntent: the card (or other method) is typed into Stripe's own
 * frame, never into our page. Confirming leaves for the bank's check when one is needed and always comes
 * back to `returnUrl`, where the order page waits for the payment to be confirmed by the webhook.
 */
export function PaymentElementForm({
  stripe,
  clientSecret,
  amountRupiah,
  returnUrl,
}: {
  stripe: Stripe;
  clientSecret: string;
  amountRupiah: number;
  returnUrl: string;
}) {
  const { t } = useTranslation();
  const mountPoint = useRef<HTMLDivElement>(null);
  const [elements, setElements] = useState<StripeElements | null>(null);
  const [ready, setReady] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);

  useEffect(() => {
    if (!mountPoint.current) return;
    const group = stripe.elements({
      clientSecret,
      locale: currentLanguage(),
      appearance: { theme: 'stripe', variables: { colorPrimary: PRIMARY_COLOUR, borderRadius: '8px' } },
    });
    const element = group.create('payment', { layout: 'tabs' });
    element.on('ready', () => setReady(true));
    // An intent the provider does not know or refuses to show (e.g. a key of another account).
    element.on('loaderror', () => setLoadFailed(true));
    element.mount(mountPoint.current);
    setElements(group);
    return () => element.destroy();
  }, [stripe, clientSecret]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!elements || submitting) return;
    setSubmitting(true);
    setConfirmError(null);
    // Resolves only when the payment could not be sent (declined card, incomplete fields): otherwise the
    // browser is already on its way to the bank's check or back to the order page.
    const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: returnUrl } });
    setConfirmError(error.message ?? t('payments.confirmFailed'));
    setSubmitting(false);
  };

  if (loadFailed) {
    return (
      <Alert color="red" variant="light" role="alert" data-testid="payment-form-failed">
        {t('payments.formFailed')}
      </Alert>
    );
  }
  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="payment-form">
      <Stack gap="sm">
        {!ready && (
          <Text size="sm" c="dimmed" data-testid="payment-form-loading">
            <Loader size="xs" mr="xs" />
            {t('payments.preparing')}
          </Text>
        )}
        <Box ref={mountPoint} data-testid="payment-element" />
        {confirmError && (
          <Alert color="red" variant="light" role="alert" data-testid="payment-confirm-error">
            {confirmError}
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          {t('payments.secureNote')}
        </Text>
        <Button type="submit" disabled={!ready} loading={submitting} data-testid="payment-submit">
          {t('payments.payAmount', { amount: formatRupiah(amountRupiah) })}
        </Button>
      </Stack>
    </form>
  );
}
