import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, verifyWebhookSignature, webhookHeaders, webhookSignature } from './signature.js';

const at = new Date('2026-01-01T00:00:00Z'); // unix 1767225600
const body = '{"deliveryId":"ntf_1"}';

describe('webhook signatures (v1)', () => {
  it('matches an HMAC-SHA256 computed elsewhere (Python hmac) over "<timestamp>.<body>"', () => {
    expect(webhookSignature('whsec_test', 1767225600, body)).toBe(
      '7e1c4323de0adba31ab152c191c277e656febdd2a16ee8e76566547e7dd9d8f9',
    );
  });

  it('sends delivery id, timestamp and signature headers; unsigned without a secret', () => {
    const headers = webhookHeaders({ deliveryId: 'ntf_1', body, secret: 'whsec_test', at });
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      'tailgate-delivery': 'ntf_1',
      'tailgate-timestamp': '1767225600',
      'tailgate-signature': 'v1=7e1c4323de0adba31ab152c191c277e656febdd2a16ee8e76566547e7dd9d8f9',
    });
    const unsigned = webhookHeaders({ deliveryId: 'ntf_1', body, secret: null, at });
    expect(unsigned['tailgate-signature']).toBeUndefined();
    expect(unsigned['tailgate-delivery']).toBe('ntf_1');
  });

  it('generates 32-byte base64url secrets, different each time', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  describe('verifyWebhookSignature', () => {
    const secret = generateWebhookSecret();
    const headers = webhookHeaders({ deliveryId: 'ntf_1', body, secret, at });
    const check = (overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) =>
      verifyWebhookSignature({
        secret,
        timestamp: headers['tailgate-timestamp'],
        body,
        signature: headers['tailgate-signature'],
        toleranceSeconds: 300,
        now: at,
        ...overrides,
      });

    it('accepts a genuine delivery within the tolerance', () => {
      expect(check()).toEqual({ ok: true });
      expect(check({ now: new Date(at.getTime() + 300_000) })).toEqual({ ok: true });
      expect(check({ timestamp: 1767225600 })).toEqual({ ok: true });
    });

    it('refuses a changed body, another secret or a changed timestamp', () => {
      expect(check({ body: body.replace('ntf_1', 'ntf_2') })).toEqual({ ok: false, reason: 'mismatch' });
      expect(check({ secret: generateWebhookSecret() })).toEqual({ ok: false, reason: 'mismatch' });
      expect(check({ timestamp: '1767225601', now: at })).toEqual({ ok: false, reason: 'mismatch' });
    });

    it('refuses a replay outside the tolerance, either side', () => {
      expect(check({ now: new Date(at.getTime() + 301_000) })).toEqual({ ok: false, reason: 'expired' });
      expect(check({ now: new Date(at.getTime() - 301_000) })).toEqual({ ok: false, reason: 'expired' });
    });

    it('refuses missing or malformed headers', () => {
      expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'malformed' });
      expect(check({ signature: 'sha256=abc' })).toEqual({ ok: false, reason: 'malformed' });
      expect(check({ timestamp: 'yesterday' })).toEqual({ ok: false, reason: 'malformed' });
      expect(check({ timestamp: null })).toEqual({ ok: false, reason: 'malformed' });
      expect(check({ signature: 'v1=zz' })).toEqual({ ok: false, reason: 'mismatch' });
      expect(check({ signature: 'v1=' })).toEqual({ ok: false, reason: 'mismatch' });
    });

    it('accepts any one of several v1 values (secret rotation)', () => {
      const old = `v1=${webhookSignature('old-secret', 1767225600, body)}`;
      expect(check({ signature: `${old}, ${headers['tailgate-signature']}` })).toEqual({ ok: true });
      expect(check({ signature: old })).toEqual({ ok: false, reason: 'mismatch' });
    });
  });
});
