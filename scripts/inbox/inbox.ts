import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { z } from 'zod';

/**
 * Where notices land on this machine (tests, `npm run demo`, `npm run dev`): an SMTP catcher and a fake
 * WhatsApp Cloud API provider, plus a small page listing what both received. Like a mail client, the
 * mailbox shows one message per Message-ID, and the fake provider keeps one message per client reference
 * (`biz_opaque_callback_data`); `copies` counts how many times each was handed over.
 */

export interface CaughtEmail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  receivedAt: string;
  copies: number;
}

export interface CaughtWhatsApp {
  id: string;
  to: string;
  reference: string | null;
  template: string | null;
  parameters: string[];
  receivedAt: string;
  copies: number;
}

export interface Inbox {
  smtpPort: number;
  /** The fake provider's base URL (WHATSAPP_API_URL) and the page listing both inboxes. */
  url: string;
  /** What the fake provider accepts: the phone number id in the path and the bearer token. */
  phoneNumberId: string;
  token: string;
  emails(): CaughtEmail[];
  whatsapp(): CaughtWhatsApp[];
  /**
   * Runs after a mail was recorded and before the SMTP server says it accepted it: tests stop a worker
   * there, so that it never learns its mail went through.
   */
  onEmail: ((mail: CaughtEmail) => Promise<void> | void) | null;
  /** The next `count` WhatsApp requests are answered 503, as by a provider having a bad minute. */
  failWhatsApp(count: number): void;
  clear(): void;
  close(): Promise<void>;
}

const ZCloudApiMessage = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  to: z.string().regex(/^\+?\d{6,15}$/),
  type: z.enum(['template', 'text']),
  template: z
    .looseObject({
      name: z.string(),
      components: z
        .array(
          z.looseObject({
            parameters: z.array(z.looseObject({ text: z.string().optional() })).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  text: z.looseObject({ body: z.string() }).optional(),
  biz_opaque_callback_data: z.string().max(512).optional(),
});

export async function startInbox(
  options: { smtpPort?: number; httpPort?: number; phoneNumberId?: string; token?: string } = {},
): Promise<Inbox> {
  const phoneNumberId = options.phoneNumberId ?? '100000000000001';
  const token = options.token ?? 'local-fake-whatsapp-token';
  const emails = new Map<string, CaughtEmail>();
  const messages = new Map<string, CaughtWhatsApp>();
  let failuresAhead = 0;

  const smtp = new SMTPServer({
    // Plain SMTP on loopback: no TLS to offer, and any user name and password will do.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const messageId = parsed.messageId ?? `<${randomUUID()}@inbox.local>`;
          const seen = emails.get(messageId);
          const mail: CaughtEmail = seen
            ? { ...seen, copies: seen.copies + 1 }
            : {
                messageId,
                from: parsed.from?.text ?? '',
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : null,
                receivedAt: new Date().toISOString(),
                copies: 1,
              };
          emails.set(messageId, mail);
          await inbox.onEmail?.(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, '127.0.0.1', () => resolve());
  });
  // A sender that vanishes mid-conversation (a worker killed on purpose, in tests) is its own problem.
  smtp.on('error', () => undefined);

  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: { message: String(error) } }));
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://inbox').pathname;
    if (req.method === 'GET' && path === '/') return page(res);
    if (req.method === 'GET' && path === '/messages.json')
      return send(res, 200, { emails: [...emails.values()], whatsapp: [...messages.values()] });
    const route = /^\/v\d+\.\d+\/([^/]+)\/messages$/.exec(path);
    if (req.method !== 'POST' || !route) return send(res, 404, graphError('Unknown path', 100));
    // The Cloud API's own refusals, so the adapter meets the same answers it would in production.
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(res, 401, graphError('Invalid OAuth access token.', 190));
    if (route[1] !== phoneNumberId) return send(res, 400, graphError('Unknown phone number id', 100));
    if (failuresAhead > 0) {
      failuresAhead -= 1;
      return send(res, 503, graphError('Service temporarily unavailable', 2));
    }
    let json: unknown;
    try {
      json = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, graphError('The request body is not JSON', 100));
    }
    const parsed = ZCloudApiMessage.safeParse(json);
    if (!parsed.success) return send(res, 400, graphError(parsed.error.message, 100));
    const body = parsed.data;
    const reference = body.biz_opaque_callback_data ?? null;
    const seen = reference ? messages.get(reference) : undefined;
    const message: CaughtWhatsApp = seen
      ? { ...seen, copies: seen.copies + 1 }
      : {
          id: `wamid.${randomUUID()}`,
          to: body.to,
          reference,
          template: body.template?.name ?? null,
          parameters:
            body.template?.components?.flatMap((c) => c.parameters?.map((p) => p.text ?? '') ?? []) ??
            (body.text ? [body.text.body] : []),
          receivedAt: new Date().toISOString(),
          copies: 1,
        };
    messages.set(reference ?? message.id, message);
    return send(res, 200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: body.to, wa_id: body.to.replace(/^\+/, '') }],
      messages: [{ id: message.id }],
    });
  }
  function page(res: ServerResponse): void {
    const rows = <T>(items: T[], cells: (item: T) => string[]) =>
      items
        .slice()
        .reverse()
        .map(
          (item) =>
            `<tr>${cells(item)
              .map((c) => `<td>${escapeHtml(c)}</td>`)
              .join('')}</tr>`,
        )
        .join('');
    const html =
      '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Kotak masuk lokal</title>' +
      '<style>body{font-family:sans-serif;margin:2em}td,th{border:1px solid #ccc;padding:4px;' +
      'vertical-align:top;white-space:pre-wrap}table{border-collapse:collapse}</style></head><body>' +
      '<h1>Kotak masuk lokal Pasar UMKM</h1><p>Semua e-mail dan pesan WhatsApp yang dikirim aplikasi ' +
      'di mesin ini berhenti di sini (muat ulang untuk melihat yang baru).</p>' +
      `<h2>E-mail (${emails.size})</h2><table><tr><th>Diterima</th><th>Kepada</th><th>Subjek</th>` +
      `<th>Isi</th><th>Salinan</th></tr>${rows([...emails.values()], (m) => [m.receivedAt, m.to.join(', '), m.subject, m.text, String(m.copies)])}</table>` +
      `<h2>WhatsApp (${messages.size})</h2><table><tr><th>Diterima</th><th>Kepada</th><th>Template</th>` +
      `<th>Parameter</th><th>Salinan</th></tr>${rows([...messages.values()], (m) => [m.receivedAt, m.to, m.template ?? '-', m.parameters.join('\n'), String(m.copies)])}</table>` +
      '</body></html>';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  }
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.httpPort ?? 0, '127.0.0.1', () => resolve());
  });

  const inbox: Inbox = {
    smtpPort: (smtp.server.address() as AddressInfo).port,
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    phoneNumberId,
    token,
    emails: () => [...emails.values()],
    whatsapp: () => [...messages.values()],
    onEmail: null,
    failWhatsApp: (count) => (failuresAhead = count),
    clear() {
      emails.clear();
      messages.clear();
    },
    async close() {
      http.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => http.close(() => resolve())),
        new Promise<void>((resolve) => smtp.close(() => resolve())),
      ]);
    },
  };
  return inbox;
}

function graphError(message: string, code: number) {
  return { error: { message, type: 'OAuthException', code, fbtrace_id: randomUUID() } };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 1_000_000) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
