import type { Config } from '../../config/env';

/** The Graph API version whose message format this adapter speaks. */
export const GRAPH_API_VERSION = 'v23.0';

export interface OutgoingWhatsApp {
  /** E.164, as phones are stored (+62812…). */
  to: string;
  /**
   * Deterministic per notice and person, sent as `biz_opaque_callback_data`. Meta only echoes it in status
   * webhooks (it does not deduplicate), so a resend after a crash can be recognised, not prevented.
   */
  reference: string;
  /** The body parameters of the message template. */
  parameters: string[];
}

export interface WhatsAppSender {
  /** Resolves once the provider accepted the message; returns its message id (wamid…). */
  send(message: OutgoingWhatsApp): Promise<string>;
}

/**
 * The WhatsApp Cloud API (`POST /{version}/{phone-number-id}/messages`, bearer token), or anything that
 * speaks it, like the local fake provider. A template message, because WhatsApp refuses free text to
 * anyone who has not written to the business in the last 24 hours. Null when no phone number id is set.
 */
export function cloudApiWhatsAppSender(config: Config): WhatsAppSender | null {
  if (!config.WHATSAPP_PHONE_NUMBER_ID || !config.WHATSAPP_TOKEN) return null;
  const url = new URL(
    `${GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`,
    config.WHATSAPP_API_URL.endsWith('/') ? config.WHATSAPP_API_URL : `${config.WHATSAPP_API_URL}/`,
  );
  const token = config.WHATSAPP_TOKEN;
  return {
    async send(message) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: message.to.replace(/^\+/, ''),
          type: 'template',
          template: {
            name: config.WHATSAPP_TEMPLATE,
            language: { code: 'id' },
            components: [
              {
                type: 'body',
                parameters: message.parameters.map((text) => ({ type: 'text', text })),
              },
            ],
          },
          biz_opaque_callback_data: message.reference,
        }),
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await response.json().catch(() => null)) as {
        messages?: Array<{ id?: string }>;
        error?: { message?: string };
      } | null;
      const id = body?.messages?.[0]?.id;
      if (!response.ok || !id) {
        const detail = body?.error?.message ?? 'no message id in the answer';
        throw new Error(`WhatsApp API answered ${response.status}: ${detail}`);
      }
      return id;
    },
  };
}
