import nodemailer from 'nodemailer';

/** Where escalation e-mail goes out (SMTP_* settings). */
export type SmtpSettings = {
  host: string;
  port: number;
  /** starttls: upgrade a plain connection (required); tls: TLS from the start (port 465); none: plaintext. */
  tls: 'starttls' | 'tls' | 'none';
  user?: string | undefined;
  password?: string | undefined;
  from: string;
};

export type MailMessage = { to: string; subject: string; text: string; messageId: string };
export type Mailer = { send(message: MailMessage): Promise<void>; close(): void };

/** An SMTP client (nodemailer) for escalation e-mail; one per process, its connections pooled. */
export function createMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.tls === 'tls',
    requireTLS: settings.tls === 'starttls',
    ignoreTLS: settings.tls === 'none',
    auth: settings.user ? { user: settings.user, pass: settings.password } : undefined,
    pool: true,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(m) {
      await transport.sendMail({
        from: settings.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: m.messageId,
      });
    },
    close: () => transport.close(),
  };
}
