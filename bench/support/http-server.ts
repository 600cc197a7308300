import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../../api/app.js';
import { openDatabase } from '../../db/client.js';
import { workflowsUnavailable } from '../../workers/client.js';

/**
 * Child process of the directory benchmark (`tsx bench/support/http-server.ts <db file>`): serves the real app and
 * a bare hono app, each through @hono/node-server on loopback, so the load generator has the other core to itself.
 * Prints `{"app": url, "bare": url, "bareSized": url}` once both listen; exits when its stdin closes.
 */
const file = process.argv[2];
if (!file) throw new Error('usage: http-server.ts <database file>');
const db = openDatabase(file);
const app = createApp({ db, log: pino({ level: 'silent' }), now: () => new Date(), workflows: workflowsUnavailable });

// The baseline: the same server setup and the same request, answered by one route with a small JSON body.
const bare = new Hono();
bare.post('/api/v1/qualifications', (c) => c.json({ ok: true }, 201));

// Informative only (not the goal's baseline): a bare hono route sending a body the size of a typical qualification
// answer (SIZED_BODY_BYTES, about the mean answer of the benchmark's requests), to show what the bytes alone cost.
const SIZED_BODY_BYTES = 5_600;
const sizedBody = JSON.stringify({ ok: true, pad: 'x'.repeat(SIZED_BODY_BYTES - 22) });
const bareSized = new Hono();
bareSized.post('/api/v1/qualifications', (c) => c.body(sizedBody, 201, { 'content-type': 'application/json' }));

const listen = (fetch: (request: Request) => Response | Promise<Response>) =>
  new Promise<string>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });

const urls = { app: await listen(app.fetch), bare: await listen(bare.fetch), bareSized: await listen(bareSized.fetch) };
process.stdout.write(`${JSON.stringify(urls)}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
