import { serve } from '@hono/node-server';
import { Hono, type TypedResponse } from 'hono';
import type { AddressInfo } from 'node:net';
import readline from 'node:readline';
import pino from 'pino';
import { createApp, newRouter, provideDeps } from '../../api/app.js';
import { authenticate } from '../../api/auth.js';
import { limitBodies } from '../../api/body-limits.js';
import { createQualificationRoute } from '../../api/routes/qualifications/create.js';
import { openStore } from '../../db/client.js';
import { statement } from '../../db/execute.js';
import { newTimeOrderedId } from '../../db/ids.js';
import { insertQualificationGrouped, type AnswerToStore } from '../../db/repositories/qualifications.js';
import { findLiveCoverageAtKeys } from '../../db/repositories/offers-lookup.js';
import { coverageCacheStats } from '../../partners/directory/coverage-cache.js';
import { locationKeysForAddress } from '../../partners/directory/location-keys.js';
import type { Qualification, QualificationRequest } from '../../openapi/qualification.js';
import { QUALIFICATION_VALIDITY_DAYS } from '../../partners/directory/qualification-service.js';
import { workflowsUnavailable } from '../../workers/client.js';
import { benchOutbound } from './outbound.js';

/**
 * Child process of the directory benchmark (`tsx bench/support/http-server.ts <db file> [postgres url]`): serves the
 * real app, the app's framework-only route (the goal's baseline) and two bare hono apps, each through
 * @hono/node-server on loopback, so the load generator has the other core to itself, and that route again storing each
 * request as a qualification (the floor), once more reading the coverage at the request's postcode before it stores
 * (the tighter floor), and once more storing an answer of its own with each (the floor with all a qualification
 * stores). Prints `{"app": url, "bare": url, "bareSized": url, "frame": url, "frameOneWrite": url, "frameReadWrite":
 * url, "frameStoresAll": url, "answerBodyBytes": n, "sampleAnswerBytes": n}` once all listen; takes commands on stdin
 * (below): to size its baselines and floors to the app's, and for the app's answer-cache counts; exits when its stdin
 * closes.
 */
const [file, databaseUrl] = process.argv.slice(2);
if (!file) throw new Error('usage: http-server.ts <database file> [postgres url]');
const db = await openStore({ databasePath: file, databaseUrl: databaseUrl || undefined });
const deps = {
  db,
  log: pino({ level: 'silent' }),
  now: () => new Date(),
  workflows: workflowsUnavailable,
  outbound: benchOutbound,
};
const app = createApp(deps);

// The baseline: the same server setup and the same request, answered by one route with a small JSON body.
const bare = new Hono();
bare.post('/api/v1/qualifications', (c) => c.json({ ok: true }, 201));

// The answer-sized body the framework routes (the goal's baseline and the floors) and bareSized send: JSON of
// `answerBodyBytes` bytes. It starts at a guess and is resized to the app's mean response, which the benchmark
// measures in the same run with the same requests and sends as a line on stdin (`{"answerBodyBytes": n}`; each line
// answered with the size now sent), so the baseline sends as many bytes as the app.
const jsonOfBytes = (bytes: number) => JSON.stringify({ ok: true, pad: 'x'.repeat(Math.max(0, bytes - 20)) });
let sizedBody = jsonOfBytes(5_600);

// Informative only (not the goal's baseline): a bare hono route sending the answer-sized body, to show what the bytes
// alone cost.
const bareSized = new Hono();
bareSized.post('/api/v1/qualifications', (c) => c.body(sizedBody, 201, { 'content-type': 'application/json' }));

// The HTTP goal's baseline: the app's own framework for this operation (the deps middleware, the JSON body cap, key
// authentication, the route's role guard, JSON body read and validated against the request schema) answering an
// answer-sized body, with none of the qualification's work: what the stack costs before a qualification is qualified
// or stored.
/** A router with the app's framework for the operation, answering an answer-sized body once `work` is done. */
function frameworkRoute(work: (request: QualificationRequest, keyId: string) => void | Promise<void>) {
  const router = newRouter();
  router.use('*', provideDeps(deps));
  router.use('*', limitBodies);
  router.use('/api/*', authenticate);
  router.openapi(createQualificationRoute, async (c) => {
    await work(c.req.valid('json'), c.get('caller').keyId);
    const res = c.body(sizedBody, 201, {
      'content-type': 'application/json',
      location: '/api/v1/qualifications/qlf_frame',
    });
    return res as unknown as TypedResponse<Qualification, 201, 'json'>;
  });
  return router;
}
const frame = frameworkRoute(() => {});

// Informative, the floor under the goal: that route also storing each request as a qualification whose answer was
// kept already (one shared, empty answer): one row per request, committed with the other qualifications of its turn
// of the event loop (insertQualificationGrouped), as every qualification is. Whatever else a qualification does, it
// cannot be faster than this.
const keptAnswer: AnswerToStore = { offersJson: '[]', storedId: undefined };
const storeQualification = (request: QualificationRequest, keyId: string, answer = keptAnswer) => {
  const now = new Date();
  return insertQualificationGrouped(db, {
    id: newTimeOrderedId('qlf', now),
    requestedBy: keyId,
    requestJson: JSON.stringify(request),
    addressJson: JSON.stringify(request.address),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + QUALIFICATION_VALIDITY_DAYS * 86_400_000).toISOString(),
    answer,
    liveChecksJson: null,
  });
};
const frameOneWrite = frameworkRoute(storeQualification);

// Informative, a tighter floor: that route also reading, before it stores, the live coverage at the request's full
// postcode (findLiveCoverageAtKeys, uncached), as a qualification must for a postcode it never saw: no answer or key
// kept in memory can stand for it.
const readCoverageAtPostcode = async (request: QualificationRequest) => {
  const postcodeKey = locationKeysForAddress({
    countryCode: request.address.countryCode,
    postcode: request.address.postcode ?? '',
  }).find((k) => k.level === 'postcode');
  if (postcodeKey) await findLiveCoverageAtKeys(db, [postcodeKey.key]);
};
const frameReadWrite = frameworkRoute(async (request, keyId) => {
  await readCoverageAtPostcode(request);
  await storeQualification(request, keyId);
});

// Informative, the floor with all a qualification stores: that route also storing, with each qualification, an answer
// of its own, as a qualification must whose keys and needs no kept answer stands for (most requests of the HTTP run:
// their postcodes are new and spread over the country's sectors). The answers are copies, taken in turn, of the
// newest answers the store holds, so they have real answers' size and content: at first those of the benchmark's
// in-process run, then (sampled again on the benchmark's command, below) those the app stored while it was loaded
// with the HTTP run's requests. Their mean size is printed.
const ANSWER_SAMPLE = 2_000;
let sampleAnswers: string[] = [];
/** Makes the store's newest answers the ones frameStoresAll copies; resolves with their mean size in bytes. */
async function sampleNewestAnswers(): Promise<number> {
  const newest = (await statement(db, 'SELECT offers FROM qualification_answers ORDER BY id DESC LIMIT ?')
    .pluck<string>()
    .all(ANSWER_SAMPLE)) as string[];
  if (newest.length === 0) throw new Error('the store holds no qualification answers to copy');
  sampleAnswers = newest;
  return Math.round(newest.reduce((sum, json) => sum + Buffer.byteLength(json), 0) / newest.length);
}
let sampleAnswerBytes = await sampleNewestAnswers();
let nextAnswer = 0;
const frameStoresAll = frameworkRoute(async (request, keyId) => {
  await readCoverageAtPostcode(request);
  await storeQualification(request, keyId, {
    offersJson: sampleAnswers[nextAnswer++ % sampleAnswers.length] as string,
    storedId: undefined,
  });
});

const listen = (fetch: (request: Request) => Response | Promise<Response>) =>
  new Promise<string>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });

const urls = {
  app: await listen(app.fetch),
  bare: await listen(bare.fetch),
  bareSized: await listen(bareSized.fetch),
  frame: await listen(frame.fetch),
  frameOneWrite: await listen(frameOneWrite.fetch),
  frameReadWrite: await listen(frameReadWrite.fetch),
  frameStoresAll: await listen(frameStoresAll.fetch),
};
const sizes = () => ({ answerBodyBytes: sizedBody.length, sampleAnswerBytes });
process.stdout.write(`${JSON.stringify({ ...urls, ...sizes() })}\n`);
// The commands, a JSON line each, each answered with one: `{"answerBodyBytes": n}` resizes the answer-sized body and
// samples the answers frameStoresAll copies anew (answered with both sizes as they now are); `{"answerCache": true}`
// is answered with the app's answer-cache counts so far (coverageCacheStats: one hit or one miss per qualification;
// no other route uses that cache).
const commands = readline.createInterface({ input: process.stdin });
commands.on('line', (line) => {
  const command = JSON.parse(line) as { answerBodyBytes: number } | { answerCache: true };
  if ('answerCache' in command) {
    const { answerHits, answerMisses } = coverageCacheStats(db);
    process.stdout.write(`${JSON.stringify({ answerHits, answerMisses })}\n`);
    return;
  }
  sizedBody = jsonOfBytes(command.answerBodyBytes);
  void sampleNewestAnswers().then((bytes) => {
    sampleAnswerBytes = bytes;
    process.stdout.write(`${JSON.stringify(sizes())}\n`);
  });
});
commands.on('close', () => process.exit(0));
