import type { Env } from '../api/env.js';
import { configureEscalationChannels } from '../tails/notify/escalation-channels.js';
import { createMailer } from '../tails/notify/mailer.js';

/** Tells this process which escalation channels its settings can send (every process that records facts). */
export const configureEscalationChannelsFrom = (env: Env) =>
  configureEscalationChannels({ email: Boolean(env.smtp), phone: Boolean(env.smsWebhookUrl) });

/** How a worker reaches people on the escalation ladder, from the settings (close the mailer when stopping). */
export const escalationSenders = (env: Env) => ({
  escalationWebhookSecret: env.escalationWebhookSecret,
  smsWebhookUrl: env.smsWebhookUrl,
  mailer: env.smtp && createMailer(env.smtp),
});
