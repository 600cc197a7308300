import type { Env } from '../api/env.js';
import { createMailer } from '../tails/notify/mailer.js';

/** How a worker reaches people on the escalation ladder, from the settings (close the mailer when stopping). */
export const escalationSenders = (env: Env) => ({
  escalationWebhookSecret: env.escalationWebhookSecret,
  smsWebhookUrl: env.smsWebhookUrl,
  mailer: env.smtp && createMailer(env.smtp),
});
