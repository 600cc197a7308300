import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundGuard, parseAllowEntry, refusedBecause } from './outbound.js';

describe('where outbound calls may go', () => {
  const strict = outboundGuard([]);

  it('refuses loopback, private, link-local and metadata addresses, however they are written', async () => {
    for (const url of [
      'http://127.0.0.1:7233/',
      'http://localhost:3000/hook',
      'http://10.0.0.7/hook',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:8080/',
      'http://[fd00:ec2::254]/',
      'http://[::ffff:127.0.0.1]/',
      'http://100.64.0.1/',
      'http://0.0.0.0:8080/',
    ]) {
      expect(await strict.refusal(url), url).toMatch(/address/);
    }
    expect(await strict.refusal('ftp://example.com/')).toContain('not http(s)');
    expect(await strict.refusal('000')).toContain('not an absolute http(s) URL');
  });

  it('lets public addresses through, and a name that does not resolve yet (checked again on connecting)', async () => {
    expect(await strict.refusal('https://8.8.8.8/hook')).toBeUndefined();
    expect(await strict.refusal('https://[2001:4860:4860::8888]/')).toBeUndefined();
    expect(await strict.refusal('https://no-such-host.invalid/hook')).toBeUndefined();
  });

  it('lets the allow-list name exceptions: ranges, addresses, or one port of an address', async () => {
    const guard = outboundGuard(['10.0.0.0/8', '::1', '127.0.0.1:4622']);
    expect(await guard.refusal('http://10.2.3.4/')).toBeUndefined();
    expect(await guard.refusal('http://[::1]:9000/')).toBeUndefined();
    expect(await guard.refusal('http://127.0.0.1:4622/tmf-api')).toBeUndefined();
    expect(await guard.refusal('http://127.0.0.1:7233/')).toMatch(/loopback/);
    expect(parseAllowEntry('[::1]:80')).toMatchObject({ port: 80 });
    expect(parseAllowEntry('not-an-address')).toBeUndefined();
    expect(() => outboundGuard(['example.com'])).toThrow(/not an address/);
  });

  describe('when connecting', () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    let port = 0;
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('refuses an address written in the URL, and a name that resolves to one (as after DNS rebinding)', async () => {
      for (const url of [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`]) {
        const failure = await strict.fetch(url).catch((err: unknown) => err);
        expect(refusedBecause(failure), url).toMatch(/loopback/);
      }
    });

    it('calls an allowed address', async () => {
      const allowed = outboundGuard([`127.0.0.1:${port}`]);
      expect(await (await allowed.fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    });
  });
});
