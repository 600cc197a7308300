import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartnerRejectedError, PartnerUnavailableError } from './errors.js';
import { testOutbound } from '../../test/support/outbound.js';
import { carrierMessage, carrierRequest, errorForStatus } from './http.js';

describe('carrier error classification', () => {
  it.each([400, 403, 404, 409, 422])('%i is a rejection: retrying cannot help', (status) => {
    expect(errorForStatus(status, '', 'POST x')).toBeInstanceOf(PartnerRejectedError);
  });

  it.each([401, 408, 429, 500, 502, 503, 504])(
    '%i is unavailability (401: our credentials, not the order): worth retrying',
    (status) => {
      expect(errorForStatus(status, '', 'POST x')).toBeInstanceOf(PartnerUnavailableError);
    },
  );

  it('carries the status and the carrier message from a TMF Error body', () => {
    const err = errorForStatus(
      422,
      JSON.stringify({ code: 'E1', reason: 'Postcode not served', message: 'no coverage at SW1A 2AA' }),
      'POST x',
    );
    expect(err).toMatchObject({ status: 422 });
    expect(err.message).toContain('Postcode not served: no coverage at SW1A 2AA');
    expect(carrierMessage('<html>Bad gateway</html>')).toBe('<html>Bad gateway</html>');
  });
});

describe('carrierRequest over HTTP', () => {
  const server = http.createServer((req, res) => {
    if (req.url === '/hang') return; // never answers: the client's timeout must fire
    if (req.url === '/content-type')
      return void res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ type: req.headers['content-type'] }));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('parses a JSON answer', async () => {
    await expect(carrierRequest({ fetch: testOutbound.fetch, timeoutMs: 1_000 }, 'GET', `${base}/ok`)).resolves.toEqual(
      { ok: true },
    );
  });

  it('sends a PATCH body as JSON Merge Patch, any other body as plain JSON', async () => {
    await expect(
      carrierRequest({ fetch: testOutbound.fetch, timeoutMs: 1_000 }, 'PATCH', `${base}/content-type`, {
        status: 'closed',
      }),
    ).resolves.toEqual({ type: 'application/merge-patch+json' });
    await expect(
      carrierRequest({ fetch: testOutbound.fetch, timeoutMs: 1_000 }, 'POST', `${base}/content-type`, {}),
    ).resolves.toEqual({
      type: 'application/json',
    });
  });

  it('turns a timeout into PartnerUnavailableError', async () => {
    const call = carrierRequest({ fetch: testOutbound.fetch, timeoutMs: 50 }, 'GET', `${base}/hang`);
    await expect(call).rejects.toBeInstanceOf(PartnerUnavailableError);
    await expect(call).rejects.toThrow(/no answer within 50 ms/);
  });

  it('turns a refused connection into PartnerUnavailableError', async () => {
    await expect(
      carrierRequest({ fetch: testOutbound.fetch, timeoutMs: 1_000 }, 'GET', 'http://127.0.0.1:9/nothing'),
    ).rejects.toBeInstanceOf(PartnerUnavailableError);
  });
});
