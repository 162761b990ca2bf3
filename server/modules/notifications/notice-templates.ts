/** What a notice says, as stored (title, body and an in-app path written in Bahasa Indonesia). */
export interface NoticeText {
  title: string;
  body: string;
  link?: string | null;
}

export interface NoticeEmail {
  subject: string;
  text: string;
  html: string;
}

/** Where people switch e-mail and WhatsApp notices off (the account page). */
const SETTINGS_PATH = '/akun';

function absolute(publicUrl: string, path: string): string {
  return new URL(path, publicUrl).toString();
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export function noticeEmail(notice: NoticeText, recipientName: string, publicUrl: string): NoticeEmail {
  const link = notice.link ? absolute(publicUrl, notice.link) : absolute(publicUrl, '/pemberitahuan');
  const settings = absolute(publicUrl, SETTINGS_PATH);
  const footer =
    'Pesan ini dikirim otomatis oleh Pasar UMKM. Pemberitahuan lewat e-mail dapat dimatikan di ' +
    `halaman akun Anda: ${settings}`;
  const text = [
    `Halo ${recipientName},`,
    notice.title,
    notice.body,
    `Buka di Pasar UMKM: ${link}`,
    '--',
    footer,
  ].join('\n\n');
  const paragraphs = notice.body
    .split('\n')
    .map((line) => `<p style="margin:0 0 8px">${escapeHtml(line)}</p>`)
    .join('');
  const html =
    '<!doctype html><html lang="id"><body style="font-family:sans-serif;color:#222;max-width:560px">' +
    `<p>Halo ${escapeHtml(recipientName)},</p>` +
    `<h2 style="font-size:18px">${escapeHtml(notice.title)}</h2>${paragraphs}` +
    `<p><a href="${escapeHtml(link)}">Buka di Pasar UMKM</a></p>` +
    `<hr><p style="font-size:12px;color:#666">Pesan ini dikirim otomatis oleh Pasar UMKM. ` +
    `Pemberitahuan lewat e-mail dapat dimatikan di <a href="${escapeHtml(settings)}">halaman akun</a> Anda.</p>` +
    '</body></html>';
  return { subject: `Pasar UMKM: ${notice.title}`, text, html };
}

/** WhatsApp refuses template parameters with line breaks, tabs or more than four spaces in a row. */
function oneLine(text: string, max: number): string {
  const flat = text
    .replace(/\s*\n\s*/g, '; ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * The body parameters of the approved template (WHATSAPP_TEMPLATE), which reads, in Bahasa Indonesia:
 * "*Pasar UMKM*: {{1}}\n{{2}}\nBuka: {{3}}". Business-initiated WhatsApp messages must use a template.
 */
export function noticeWhatsApp(notice: NoticeText, publicUrl: string): [string, string, string] {
  const link = notice.link ? absolute(publicUrl, notice.link) : absolute(publicUrl, '/pemberitahuan');
  return [oneLine(notice.title, 200), oneLine(notice.body, 600), link];
}
