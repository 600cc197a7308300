import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadEnv } from '../api/env.js';
import { connectTemporal } from '../workers/client.js';
import type { TemporalSecurity } from '../workers/config.js';
import { temporalConnectionOptions } from '../workers/connection.js';
import { makeTestPki, startMutualTlsProxy, type TestPki } from './support/tls-proxy.js';

// A production cluster behind mutual TLS: the run's dev server behind a TLS proxy that demands a client certificate.
describe('connecting to a Temporal cluster over mutual TLS with an API key', () => {
  let pki: TestPki;
  let proxy: Awaited<ReturnType<typeof startMutualTlsProxy>>;
  let secure: TemporalSecurity;

  beforeAll(async () => {
    pki = makeTestPki();
    proxy = await startMutualTlsProxy(pki, inject('temporalAddress'));
    const env = loadEnv({
      TEMPORAL_ADDRESS: proxy.address,
      TEMPORAL_TLS_CERT: pki.clientCert,
      TEMPORAL_TLS_KEY: pki.clientKey,
      TEMPORAL_TLS_CA: pki.caPem,
      TEMPORAL_TLS_SERVER_NAME: 'localhost',
      TEMPORAL_API_KEY: 'a-cloud-api-key',
    });
    secure = env.temporal.security;
  });
  afterAll(async () => {
    await proxy.close();
    pki.remove();
  });

  it('the API client reaches the cluster with the settings from the environment', async () => {
    const client = await connectTemporal(proxy.address, 'default', secure);
    try {
      const calls = proxy.authorizations().length;
      const info = await client.workflowService.getSystemInfo({});
      expect(info.capabilities).toBeTruthy();
      expect(proxy.accepted()).toBeGreaterThan(0);
      // Every call carries the API key, as Temporal Cloud reads it.
      expect(proxy.authorizations().slice(calls)).toEqual(['Bearer a-cloud-api-key']);
    } finally {
      await client.connection.close();
    }
  });

  it("the worker's native connection reaches it the same way", async () => {
    const before = proxy.accepted();
    const calls = proxy.authorizations().length;
    const connection = await NativeConnection.connect(temporalConnectionOptions(proxy.address, secure));
    try {
      const info = await connection.workflowService.getSystemInfo({});
      expect(info.capabilities).toBeTruthy();
      expect(proxy.accepted()).toBeGreaterThan(before);
      const made = proxy.authorizations().slice(calls);
      expect(made.length).toBeGreaterThan(0);
      expect(new Set(made)).toEqual(new Set(['Bearer a-cloud-api-key']));
    } finally {
      await connection.close();
    }
  });

  it('without the client certificate the cluster refuses the connection', async () => {
    const noClientCert: TemporalSecurity = { tls: { serverCaPath: pki.caPem, serverName: 'localhost' } };
    const before = proxy.accepted();
    await expect(
      Connection.connect({ ...temporalConnectionOptions(proxy.address, noClientCert), connectTimeout: 3_000 }),
    ).rejects.toThrow();
    expect(proxy.accepted()).toBe(before);
  });
});

describe('Temporal security settings', () => {
  const files = { TEMPORAL_TLS_CERT: '/pki/client.pem', TEMPORAL_TLS_KEY: '/pki/client.key' };

  it('is plaintext with none set (the embedded dev server)', () => {
    expect(loadEnv({}).temporal.security).toEqual({ tls: false, apiKey: undefined });
  });

  it('turns TLS on with an API key alone (Temporal Cloud), with the system roots', () => {
    const { security } = loadEnv({ TEMPORAL_API_KEY: 'k' }).temporal;
    expect(security.apiKey).toBe('k');
    expect(security.tls).toEqual({
      clientCertPath: undefined,
      clientKeyPath: undefined,
      serverCaPath: undefined,
      serverName: undefined,
    });
    expect(temporalConnectionOptions('cloud:7233', security)).toEqual({ address: 'cloud:7233', tls: {}, apiKey: 'k' });
  });

  it('keeps an API key on plaintext when TLS is turned off', () => {
    const { security } = loadEnv({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'off' }).temporal;
    expect(temporalConnectionOptions('127.0.0.1:7233', security)).toEqual({
      address: '127.0.0.1:7233',
      tls: false,
      apiKey: 'k',
    });
  });

  it('refuses a certificate without its key, and TLS files with TLS off', () => {
    expect(() => loadEnv({ TEMPORAL_TLS_CERT: files.TEMPORAL_TLS_CERT })).toThrow(/TEMPORAL_TLS_KEY: mutual TLS/);
    expect(() => loadEnv({ TEMPORAL_TLS_KEY: files.TEMPORAL_TLS_KEY })).toThrow(/TEMPORAL_TLS_CERT: mutual TLS/);
    expect(() => loadEnv({ ...files, TEMPORAL_TLS: 'off' })).toThrow(/TEMPORAL_TLS: off/);
  });

  it('names the setting of a file it cannot read', () => {
    const { security } = loadEnv({ TEMPORAL_TLS_CA: '/nowhere/ca.pem' }).temporal;
    expect(() => temporalConnectionOptions('c:7233', security)).toThrow(
      'TEMPORAL_TLS_CA: cannot read /nowhere/ca.pem (ENOENT)',
    );
  });
});
