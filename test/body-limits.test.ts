import { serve, type ServerType } from '@hono/node-server';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FORM_BODY_BYTES, MAX_JSON_BODY_BYTES, MAX_OTHER_BODY_BYTES } from '../api/body-limits.js';
import { partnerInput } from './support/factories.js';
import { createTestPlatform } from './support/platform.js';

const platform = await createTestPlatform();
let server: ServerType;
let base: string;
beforeAll(async () => {
  base = await new Promise<string>((resolve) => {
    server = serve({ fetch: platform.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await platform.close();
});

/** A partner whose name pads the JSON body to `bytes` bytes. */
const partnerBody = (bytes: number) => {
  const json = JSON.stringify(partnerInput({ name: '' }));
  return JSON.stringify(partnerInput({ name: 'x'.repeat(bytes - json.length) }));
};
const partnerCount = async () =>
  ((await (await platform.request('GET', '/api/v1/partners?limit=200')).json()) as { items: unknown[] }).items.length;
const headers = { authorization: `Bearer ${platform.keys.admin}`, 'content-type': 'application/json' };

/** POSTs over a real socket, declaring the body's length. */
function postDeclared(body: string): Promise<{ status: number; type: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/v1/partners`,
      { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (chunk: string) => (text += chunk))
          .on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** POSTs over a real socket in chunks, with no declared length. */
const postChunked = (body: string, path = '/api/v1/partners', requestHeaders: Record<string, string> = headers) => {
  const bytes = Buffer.from(body);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.subarray(at, at + 64 * 1024));
      controller.close();
    },
  });
  const init = { method: 'POST', headers: requestHeaders, body: stream, duplex: 'half' };
  return fetch(`${base}${path}`, init as RequestInit);
};

describe(`JSON request bodies are capped at ${MAX_JSON_BODY_BYTES} bytes`, () => {
  it('refuses a body declared too long with 413 problem+json, and stores nothing', async () => {
    const before = await partnerCount();
    const res = await postDeclared(partnerBody(MAX_JSON_BODY_BYTES + 1));
    expect(res.status).toBe(413);
    expect(res.type).toBe('application/problem+json');
    expect(JSON.parse(res.text)).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      detail: 'A JSON request body may be at most 1 MiB',
    });
    expect(await partnerCount()).toBe(before);
  });

  it('takes a body of exactly the limit', async () => {
    const res = await postDeclared(partnerBody(MAX_JSON_BODY_BYTES));
    // The padded name is then refused by the schema (too long), which shows the body was read and validated.
    expect(res.status).toBe(422);
    expect(JSON.parse(res.text)).toMatchObject({ errors: [{ path: 'name' }] });
  });

  it('counts a chunked body as it arrives and refuses it past the limit', async () => {
    const before = await partnerCount();
    const res = await postChunked(partnerBody(MAX_JSON_BODY_BYTES + 1));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'payload_too_large' });
    expect(await partnerCount()).toBe(before);
  });

  it('serves a chunked body under the limit as any other', async () => {
    const res = await postChunked(JSON.stringify(partnerInput({ name: 'Chunked Carrier' })));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: 'Chunked Carrier' });
  });
});

describe('every other body stops at its cap too, chunked or not', () => {
  it('refuses a sign-in form past its cap without reading the rest (413)', async () => {
    const form = `key=${'a'.repeat(MAX_FORM_BODY_BYTES * 4)}`;
    const res = await postChunked(form, '/sign-in', {
      'content-type': 'application/x-www-form-urlencoded',
      origin: base,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'payload_too_large', detail: 'A form may be at most 64 KiB' });
  });

  it('refuses a chunked OLA policy past 1 MiB, storing no version', async () => {
    const partner = await platform.createPartner();
    const versions = async () =>
      (
        (await (await platform.request('GET', `/api/v1/partners/${partner.id}/ola-policies`)).json()) as {
          items: unknown[];
        }
      ).items.length;
    const yaml = `description: ${'x'.repeat(MAX_OTHER_BODY_BYTES)}\n`;
    const res = await postChunked(yaml, `/api/v1/partners/${partner.id}/ola-policies`, {
      ...headers,
      'content-type': 'application/yaml',
    });
    expect(res.status).toBe(413);
    expect(await versions()).toBe(0);
  });
});

describe('methods and media types a route does not take', () => {
  it('answers 405 naming the methods a known path takes', async () => {
    const res = await platform.request('PUT', '/api/v1/orders', { json: {} });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(await res.json()).toMatchObject({ code: 'method_not_allowed' });
    expect((await platform.request('DELETE', '/api/v1/nothing-here')).status).toBe(404);
  });

  it('answers 405 to a write on a penalty CSV (not 422 for a month named "2026-10.csv")', async () => {
    const res = await platform.request('POST', '/api/v1/reports/penalties/2026-10.csv', { key: platform.keys.finance });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 415 to a body in a media type the route does not read, storing nothing', async () => {
    const before = await partnerCount();
    const res = await platform.request('POST', '/api/v1/partners', {
      body: JSON.stringify(partnerInput()),
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: 'unsupported_media_type' });
    expect(await partnerCount()).toBe(before);
  });
});
