import { carrierUrl, type CarrierHttpSettings } from '../adapters/http.js';
import type { ApiFamily } from './families.js';
import type { CertificationListener, ReceivedEvent } from './listener.js';
import {
  asRecord,
  CheckFailed,
  exchange,
  expectErrorBody,
  expectStatus,
  expectValid,
  type CheckRecorder,
  type Exchange,
} from './suite.js';
import { loadTmfSpec } from './tmf-spec.js';

export type FamilyRun = {
  rec: CheckRecorder;
  http: CarrierHttpSettings;
  baseUrl: string;
  listener: CertificationListener;
  runId: string;
  /** How long to wait for the carrier's first notification about what the run created. */
  notificationWaitMs: number;
};

/** Attributes a TMF630 `fields=` selection always keeps besides those asked for. */
const alwaysSelected = new Set(['id', 'href', '@type', '@baseType', '@schemaLocation', '@referredType']);

type Created = { id: string; href: string | undefined };

/** The checks after `reachable`, skipped together when the API does not answer at all. */
const familyChecks = [
  'hub-subscribe',
  'create-minimum',
  'create-full',
  'get',
  'list-filter',
  'list-fields',
  'unknown-id',
  'missing-mandatory',
  'notifications',
  'withdraw',
  'hub-unsubscribe',
];

/** The event's subject: `event.<resource>.id` (TMF630 notifications). */
const subjectOf = (event: ReceivedEvent, resource: string) =>
  asRecord(asRecord(asRecord(event.body)?.event)?.[resource])?.id;

/**
 * The conformance checks of one API family against the carrier (in the spirit of TM Forum's conformance test kits):
 * notifications subscribed, created with Tailgate's smallest and fullest requests, read, listed with an attribute
 * filter and with `fields=`, an unknown id (404), a create missing a field the spec makes mandatory (400 or 422),
 * notifications received, what was created withdrawn, notifications unsubscribed. Every payload, ours and the
 * carrier's, is checked against the official file. Answers the ids the carrier gave what the run created.
 */
export async function checkFamily(run: FamilyRun, family: ApiFamily): Promise<Created[]> {
  const { rec, http } = run;
  const spec = loadTmfSpec(family.specFile);
  const url = (path: string, query?: Record<string, string>) =>
    carrierUrl(run.baseUrl, `${family.root}/${path}`, query);
  const id = (name: string) => `${family.id}.${name}`;
  const one = (created: Created) => url(`${family.resource}/${encodeURIComponent(created.id)}`);

  const reachable = await rec.run(id('reachable'), 'The API answers (GET the collection)', async () => {
    rec.saw(await exchange(http, 'GET', url(family.resource, { limit: '1' })));
    return true;
  });
  if (!reachable) {
    for (const check of familyChecks) rec.skip(id(check), check, 'the API did not answer');
    return [];
  }

  const hubId = await rec.run(id('hub-subscribe'), 'Subscribe to notifications (POST hub)', async () => {
    const body = family.hubBody(run.listener.callbackUrl);
    expectValid(spec, family.schemas.hubInput, body, "Tailgate's hub request");
    const answer = rec.saw(await exchange(http, 'POST', url('hub'), body));
    expectStatus(answer, 201);
    expectValid(spec, family.schemas.hub, answer.body, "The carrier's hub", answer);
    return String(asRecord(answer.body)?.id);
  });

  const bodies = family.createBodies(run.runId);
  // What the carrier created, even when its answer then fails the spec: the checks after it still have a subject.
  const made: { minimum?: Created; full?: Created } = {};
  const create = (which: 'minimum' | 'full') =>
    rec.run(id(`create-${which}`), `Create with Tailgate's ${which} request`, async () => {
      const body = bodies[which];
      expectValid(spec, family.schemas.create, body, `Tailgate's ${which} request`);
      const answer = rec.saw(await exchange(http, 'POST', url(family.resource), body));
      expectStatus(answer, 201);
      const created = asRecord(answer.body) ?? {};
      if (created.id === undefined) throw new CheckFailed('the answer names no id', [], answer);
      made[which] = { id: String(created.id), href: typeof created.href === 'string' ? created.href : undefined };
      expectValid(spec, family.schemas.resource, answer.body, `The created ${family.resource}`, answer);
    });
  await create('minimum');
  await create('full');
  const { minimum, full } = made;
  const createdIds = [minimum, full].filter((c): c is Created => !!c);
  const needs = (created: Created | undefined, check: string, title: string, work: (c: Created) => Promise<void>) =>
    created ? rec.run(id(check), title, () => work(created)) : rec.skip(id(check), title, 'nothing was created');

  await needs(minimum, 'get', 'Read one by id', async (created) => {
    const answer = rec.saw(await exchange(http, 'GET', one(created)));
    expectStatus(answer, 200);
    expectValid(spec, family.schemas.resource, answer.body, `The ${family.resource}`, answer);
    if (asRecord(answer.body)?.id !== created.id) throw new CheckFailed(`the answer is not ${created.id}`, [], answer);
  });

  const filter = { [family.externalIdFilter]: bodies.externalIds.full };
  await needs(full, 'list-filter', `List with an attribute filter (${family.externalIdFilter})`, async (created) => {
    const answer = rec.saw(await exchange(http, 'GET', url(family.resource, filter)));
    expectStatus(answer, 200);
    const items = listOf(answer);
    for (const [i, item] of items.entries()) {
      expectValid(spec, family.schemas.resource, item, `Item ${i} of the list`, answer);
      if (!family.hasExternalId(item, bodies.externalIds.full))
        throw new CheckFailed(`item ${i} does not match the filter`, [], answer);
    }
    if (!items.some((item) => item.id === created.id)) throw new CheckFailed(`${created.id} is not listed`, [], answer);
  });

  await needs(full, 'list-fields', 'List with an attribute selection (fields=)', async (created) => {
    const field = family.id === 'tmf622' ? 'state' : 'status';
    const answer = rec.saw(await exchange(http, 'GET', url(family.resource, { ...filter, fields: field })));
    expectStatus(answer, 200);
    const items = listOf(answer);
    for (const [i, item] of items.entries()) {
      const extra = Object.keys(item).filter((k) => k !== field && !alwaysSelected.has(k));
      if (extra.length > 0)
        throw new CheckFailed(`item ${i} has attributes not selected: ${extra.join(', ')}`, [], answer);
    }
    const listed = items.find((item) => item.id === created.id);
    if (!listed || listed[field] === undefined)
      throw new CheckFailed(`${created.id} is not listed with its ${field}`, [], answer);
  });

  await rec.run(id('unknown-id'), 'Read an id that does not exist (404)', async () => {
    const answer = rec.saw(await exchange(http, 'GET', url(`${family.resource}/tailgate-unknown-${run.runId}`)));
    expectStatus(answer, 404);
    expectErrorBody(spec, family.schemas.error, answer);
  });

  await rec.run(
    id('missing-mandatory'),
    `Create without ${family.mandatory}, which the spec requires (400/422)`,
    async () => {
      const { [family.mandatory]: _left, ...body } = asRecord(bodies.minimum) ?? {};
      if (spec.validate(family.schemas.create, body).valid)
        throw new CheckFailed(`the spec does not require ${family.mandatory}: the check cannot judge`);
      const answer = rec.saw(await exchange(http, 'POST', url(family.resource), body));
      expectStatus(answer, 400, 422);
      expectErrorBody(spec, family.schemas.error, answer);
    },
  );

  if (hubId === undefined || createdIds.length === 0) {
    rec.skip(id('notifications'), 'Notifications received and valid', 'no hub was registered, or nothing created');
  } else {
    await rec.run(id('notifications'), 'Notifications received and valid', async () => {
      const ours = (events: ReceivedEvent[]) =>
        events.filter((e) => createdIds.some((c) => c.id === subjectOf(e, family.resource)));
      const events = ours(await run.listener.waitFor((e) => ours(e).length > 0, run.notificationWaitMs));
      if (events.length === 0)
        throw new CheckFailed(`no notification about what the run created within ${run.notificationWaitMs} ms`);
      for (const event of events) {
        const type = String(asRecord(event.body)?.eventType ?? asRecord(event.body)?.['@type'] ?? '');
        if (!/Event$/.test(type) || !spec.has(type))
          throw new CheckFailed(`an event sent to ${event.path} names no event type of the spec ("${type}")`);
        expectValid(spec, type, event.body, `The ${type} sent to ${event.path}`);
      }
    });
  }

  await needs(minimum, 'withdraw', family.withdraw.title, async (created) => {
    const body = family.withdraw.body(created.id, created.href);
    expectValid(spec, family.withdraw.requestSchema, body, "Tailgate's request");
    const answer = rec.saw(await exchange(http, family.withdraw.method, url(family.withdraw.path(created.id)), body));
    expectStatus(answer, ...family.withdraw.expected);
    expectValid(spec, family.withdraw.responseSchema, answer.body, "The carrier's answer", answer);
  });

  if (hubId === undefined) rec.skip(id('hub-unsubscribe'), 'Unsubscribe (DELETE hub)', 'no hub was registered');
  else
    await rec.run(id('hub-unsubscribe'), 'Unsubscribe (DELETE hub)', async () => {
      const answer = rec.saw(await exchange(http, 'DELETE', url(`hub/${encodeURIComponent(hubId)}`)));
      expectStatus(answer, 204, 200);
    });
  return createdIds;
}

function listOf(answer: Exchange): Record<string, unknown>[] {
  if (!Array.isArray(answer.body)) throw new CheckFailed('the answer is not a JSON array', [], answer);
  return answer.body.map((item) => asRecord(item) ?? {});
}
