import type { Stripe } from '@stripe/stripe-js';
// The `pure` entry injects Stripe.js only when loadStripe() is called: pages that never pay load nothing
// from js.stripe.com (the default entry injects the script as soon as the module is imported).
import { loadStripe } from '@stripe/stripe-js/pure';

/**
 * A blocked or very slow js.stripe.com (a closed office network, a strict proxy) would otherwise leave the
 * buyer in front of a spinner: after this long the page says so and offers a retry.
 */
const LOAD_TIMEOUT_MS = 20_000;

export class StripeUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('Stripe.js could not be loaded', { cause });
    this.name = 'StripeUnavailableError';
  }
}

/** Stripe.js for this publishable key, or StripeUnavailableError; a later call tries the network again. */
export async function loadStripeJs(publishableKey: string): Promise<Stripe> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StripeUnavailableError('timeout')), LOAD_TIMEOUT_MS);
  });
  try {
    const stripe = await Promise.race([loadStripe(publishableKey), timeout]);
    if (!stripe) throw new StripeUnavailableError('no window');
    return stripe;
  } catch (error) {
    throw error instanceof StripeUnavailableError ? error : new StripeUnavailableError(error);
  } finally {
    clearTimeout(timer);
  }
}
