import nodemailer from 'nodemailer';
import type { Config } from '../../config/env';

export interface OutgoingEmail {
  to: { name: string; address: string };
  /** Deterministic (`<notice.…@host>`), so a copy sent again after a crash is recognisably the same mail. */
  messageId: string;
  subject: string;
  text: string;
  html: string;
}

export interface EmailSender {
  /** Resolves once the SMTP server accepted the message; returns the Message-ID it went out with. */
  send(mail: OutgoingEmail): Promise<string>;
  close(): void;
}

/** nodemailer over SMTP; null when SMTP_HOST is not set (no e-mail notices in this deployment). */
export function smtpEmailSender(config: Config): EmailSender | null {
  if (!config.SMTP_HOST) return null;
  const transport = nodemailer.createTransport({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    // 465 speaks TLS from the first byte; other ports upgrade with STARTTLS when the server offers it.
    secure: config.SMTP_PORT === 465,
    auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASS } : undefined,
    // A job should fail and retry later rather than hang on a dead relay for nodemailer's minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: config.SMTP_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      });
      return info.messageId;
    },
    close: () => transport.close(),
  };
}
