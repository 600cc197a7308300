import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { App } from '../../api/app.js';
import type { Db } from '../../db/client.js';
import { generateApiKeySecret, insertApiKey } from '../../db/repositories/api-keys.js';
import type { Role } from '../../openapi/common.js';
import type { TailWorkflows } from '../../tails/workflows.js';
import { workflowsUnavailable } from '../../workers/client.js';
import { partnerInput } from './factories.js';
import { createHttpApp } from '../../scripts/http-server.js';
import type { OutboundGuard } from '../../partners/adapters/outbound.js';
import { testOutbound } from './outbound.js';
import { openTestStore } from './store.js';

/** Makes an uncertified test carrier active (or changes its API while active): an admin's override. */
export const uncertified = { activationOverride: { reason: 'a test carrier, not certified' } };

type RequestOptions = { key?: string | null; json?: unknown; body?: string; headers?: Record<string, string> };

/** A real app over a real store (a SQLite file in a temp folder, or PostgreSQL), with one key per staff role. */
export async function createTestPlatform(
  opts: {
    workflows?: TailWorkflows;
    now?: () => Date;
    outbound?: OutboundGuard;
    /** Carrier credentials by secret name, as Env.partnerSecrets. */
    partnerSecrets?: ReadonlyMap<string, string>;
    liveQualificationDeadlineMs?: number;
    /** The store, when not the test project's (vitest.config.ts). */
    store?: 'sqlite' | 'postgres';
  } = {},
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-test-'));
  const store = await openTestStore(dir, opts.store);
  const db: Db = store.db;
  const app: App = createHttpApp({
    db,
    log: pino({ level: 'silent' }),
    now: opts.now ?? (() => new Date()),
    workflows: opts.workflows ?? workflowsUnavailable,
    outbound: opts.outbound ?? testOutbound,
    partnerSecrets: opts.partnerSecrets,
    liveQualificationDeadlineMs: opts.liveQualificationDeadlineMs,
  });

  const newKey = async (role: Role, partnerId: string | null = null) => {
    const secret = generateApiKeySecret();
    await insertApiKey(db, { name: `${role} test key`, role, partnerId, secret });
    return secret;
  };
  const keys = { admin: await newKey('admin'), desk: await newKey('desk'), finance: await newKey('finance') };

  const request = (method: string, url: string, opts: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    const key = opts.key === undefined ? keys.admin : opts.key;
    if (key) headers.authorization = `Bearer ${key}`;
    let body = opts.body;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    return app.request(url, { method, headers, body });
  };

  /**
   * Creates a partner through the API (active unless told otherwise: uncertified, so by an admin's override) and
   * returns it with a key of its own.
   */
  const createPartner = async (overrides: Record<string, unknown> = {}) => {
    const active = (overrides.status ?? 'active') === 'active';
    const override = active ? uncertified : {};
    const res = await request('POST', '/api/v1/partners', {
      json: partnerInput({ status: 'active', ...override, ...overrides }),
    });
    if (res.status !== 201) throw new Error(`partner create failed: ${res.status} ${await res.text()}`);
    const partner = (await res.json()) as { id: string; name: string };
    return { ...partner, key: await newKey('partner', partner.id) };
  };

  /** Signs in to the dashboard with `key` (a same-origin form post) and answers the session cookie to send. */
  const sessionCookie = async (key: string) => {
    const res = await app.request('/sign-in', {
      method: 'POST',
      body: new URLSearchParams({ key }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    });
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };

  const close = async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };

  return { app, db, databaseUrl: store.databaseUrl, dir, keys, newKey, request, createPartner, sessionCookie, close };
}
export type TestPlatform = Awaited<ReturnType<typeof createTestPlatform>>;
