/**
 * How Tailgate signs webhook deliveries (scheme v1), and how a receiver checks them.
 *
 *   Tailgate-Delivery:  <notification id>   the same on every retry: delivery is at-least-once, de-duplicate on it
 *   Tailgate-Timestamp: <unix seconds>      when this attempt was signed
 *   Tailgate-Signature: v1=<hex>            lowercase hex HMAC-SHA256, key = the subscription secret (its UTF-8
 *                                           text as shown at creation, not base64-decoded), message =
 *                                           `${Tailgate-Timestamp}.${raw request body}`
 *
 * The timestamp is inside the MAC so a captured request cannot be replayed later: receivers refuse timestamps
 * further than a tolerance (300 s by default) from their own clock. Verify the raw body bytes before parsing JSON;
 * re-serialised JSON need not match. The header may carry several comma-separated `v1=` values (room for
 * rotating a secret); one match is enough. Comparison is constant-time so response timing leaks nothing.
 *
 * Escalation webhooks (a partner's ladder contact with channel `webhook`) are signed the same way with the platform's
 * ESCALATION_WEBHOOK_SECRET when it is set; without it they are sent with the same Delivery and Timestamp headers and
 * no Signature header.
 *
 * Pure: no I/O and no clock reads; `now` is an argument.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_VERSION = 'v1';
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** 32 random bytes, base64url: the subscription secret, shown once. */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

export const unixSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);

/** The hex HMAC of one delivery attempt. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** Headers of one delivery attempt; `secret: null` (escalation webhooks) sends it unsigned. */
export function webhookHeaders(input: {
  deliveryId: string;
  body: string;
  secret: string | null;
  at: Date;
}): Record<string, string> {
  const timestamp = unixSeconds(input.at);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Tailgate-Webhooks/1',
    'tailgate-delivery': input.deliveryId,
    'tailgate-timestamp': String(timestamp),
  };
  if (input.secret !== null)
    headers['tailgate-signature'] = `${SIGNATURE_VERSION}=${webhookSignature(input.secret, timestamp, input.body)}`;
  return headers;
}

export type WebhookVerification = { ok: true } | { ok: false; reason: 'malformed' | 'expired' | 'mismatch' };

/**
 * For receivers: checks a delivery's Tailgate-Signature against the secret, the Tailgate-Timestamp and the raw
 * body, and that the timestamp is within `toleranceSeconds` of `now`.
 */
export function verifyWebhookSignature(input: {
  secret: string;
  timestamp: string | number | undefined | null;
  body: string;
  signature: string | undefined | null;
  toleranceSeconds?: number;
  now: Date;
}): WebhookVerification {
  const timestamp =
    typeof input.timestamp === 'number'
      ? input.timestamp
      : /^\d{1,12}$/.test(input.timestamp ?? '')
        ? Number(input.timestamp)
        : NaN;
  const candidates = (input.signature ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SIGNATURE_VERSION}=`))
    .map((part) => Buffer.from(part.slice(SIGNATURE_VERSION.length + 1), 'hex'));
  if (!Number.isSafeInteger(timestamp) || candidates.length === 0) return { ok: false, reason: 'malformed' };
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(unixSeconds(input.now) - timestamp) > tolerance) return { ok: false, reason: 'expired' };
  const expected = Buffer.from(webhookSignature(input.secret, timestamp, input.body), 'hex');
  // Every candidate is compared (no early exit), each in constant time; a wrong length cannot match anyway.
  let matched = false;
  for (const candidate of candidates) {
    if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) matched = true;
  }
  return matched ? { ok: true } : { ok: false, reason: 'mismatch' };
}
