/**
 * Which escalation channels this deployment can send, from its settings (SMTP_HOST for e-mail, SMS_WEBHOOK_URL for
 * phone), set once at process start by every process that records facts (API and worker read the same settings).
 * An escalation to a channel that cannot be sent is recorded straight into the outbox, so no delivery queue is started
 * for it; webhook contacts can always be sent.
 */
const sendable = { email: false, phone: false };

export function configureEscalationChannels(channels: { email: boolean; phone: boolean }): void {
  sendable.email = channels.email;
  sendable.phone = channels.phone;
}

export const canSend = (channel: 'email' | 'phone' | 'webhook'): boolean => channel === 'webhook' || sendable[channel];

/** Why an escalation on `channel` stays in the outbox: the setting that would send it. */
export const outboxNote = (channel: 'email' | 'phone'): string =>
  channel === 'email'
    ? 'kept in the outbox: no SMTP server is configured (SMTP_HOST)'
    : 'kept in the outbox: no SMS/voice webhook is configured (SMS_WEBHOOK_URL)';
