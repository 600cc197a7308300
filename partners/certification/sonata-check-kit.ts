import { carrierUrl } from '../adapters/http.js';
import type { FamilyRun } from './family-checks.js';
import type { ReceivedEvent } from './listener.js';
import { asRecord, CheckFailed, exchange, expectErrorBody, expectStatus, expectValid } from './suite.js';
import type { SpecValidator } from './tmf-spec.js';

/** The steps every MEF LSO Sonata API's certification shares (ordering, trouble tickets). */

/** One Sonata API under test: where it lives, its file, its check ids' prefix, the resource the run creates. */
export type SonataApiRun = FamilyRun & {
  spec: SpecValidator;
  /** Under the carrier's Sonata root, e.g. `productOrderingManagement/v10`. */
  path: string;
  prefix: string;
  resource: string;
  title: string;
  /** MEF's buyerId and sellerId, on every request when the partner names them. */
  parties: Record<string, string>;
};

export const sonataUrl = (api: SonataApiRun, path: string, query?: Record<string, string>) =>
  carrierUrl(api.baseUrl, `${api.path}/${path}`, { ...query, ...api.parties });
export const checkId = (api: SonataApiRun, name: string) => `${api.prefix}.${name}`;

/** Reachable, then the hub subscribed for `eventTypes`: its id, or undefined; false when the API did not answer. */
export async function reachAndSubscribe(api: SonataApiRun, eventTypes: readonly string[]) {
  const { rec, http } = api;
  const reachable = await rec.run(checkId(api, 'reachable'), `The API answers (GET ${api.resource})`, async () => {
    rec.saw(await exchange(http, 'GET', sonataUrl(api, api.resource, { limit: '1' })));
    return true;
  });
  if (!reachable) {
    rec.skip(checkId(api, 'checks'), `Every other ${api.title} check`, 'the API did not answer');
    return false;
  }
  return await rec.run(checkId(api, 'hub-subscribe'), 'Subscribe to notifications (POST hub)', async () => {
    const body = { callback: api.listener.callbackUrl, query: `eventType=${eventTypes.join(',')}` };
    expectValid(api.spec, 'EventSubscriptionInput', body, "Tailgate's hub request");
    const answer = rec.saw(await exchange(http, 'POST', sonataUrl(api, 'hub'), body));
    expectStatus(answer, 201);
    expectValid(api.spec, 'EventSubscription', answer.body, "The carrier's hub", answer);
    return String(asRecord(answer.body)?.id);
  });
}

/** An id that does not exist answers 404 (with a valid error body when it sends one). */
export const checkUnknownId = (api: SonataApiRun) =>
  api.rec.run(checkId(api, 'unknown-id'), 'Read an id that does not exist (404)', async () => {
    const target = sonataUrl(api, `${api.resource}/tailgate-unknown-${api.runId}`);
    const answer = api.rec.saw(await exchange(api.http, 'GET', target));
    expectStatus(answer, 404);
    expectErrorBody(api.spec, 'Error404', answer);
  });

/** The carrier notified what the run created, each event valid as `schema` of the notification file. */
export async function checkNotifications(
  api: SonataApiRun,
  hubId: string | undefined,
  created: string[],
  events: SpecValidator,
  schema: string,
) {
  const title = 'Notifications received and valid';
  if (hubId === undefined || created.length === 0) {
    api.rec.skip(checkId(api, 'notifications'), title, 'no hub was registered, or nothing created');
    return;
  }
  await api.rec.run(checkId(api, 'notifications'), title, async () => {
    const ours = (received: ReceivedEvent[]) =>
      received.filter((e) => created.includes(String(asRecord(asRecord(e.body)?.event)?.id)));
    const got = ours(await api.listener.waitFor((e) => ours(e).length > 0, api.notificationWaitMs));
    if (got.length === 0)
      throw new CheckFailed(`no notification about what the run created within ${api.notificationWaitMs} ms`);
    for (const event of got) expectValid(events, schema, event.body, `The event sent to ${event.path}`);
  });
}

/** The hub the run registered is removed. */
export async function checkUnsubscribe(api: SonataApiRun, hubId: string | undefined) {
  const title = 'Unsubscribe (DELETE hub)';
  if (hubId === undefined) {
    api.rec.skip(checkId(api, 'hub-unsubscribe'), title, 'no hub was registered');
    return;
  }
  await api.rec.run(checkId(api, 'hub-unsubscribe'), title, async () => {
    const answer = api.rec.saw(await exchange(api.http, 'DELETE', sonataUrl(api, `hub/${encodeURIComponent(hubId)}`)));
    expectStatus(answer, 204, 200);
  });
}

type Made = { minimum?: string; full?: string };

/** Creates the run's smallest and fullest resource (`build` makes each request body): the ids the carrier gave. */
export async function createBoth(
  api: SonataApiRun,
  schemas: { create: string; resource: string },
  noun: string,
  build: (which: 'minimum' | 'full') => unknown,
): Promise<Made> {
  const made: Made = {};
  for (const which of ['minimum', 'full'] as const) {
    await api.rec.run(checkId(api, `create-${which}`), `Create with Tailgate's ${which} ${noun}`, async () => {
      const body = build(which);
      expectValid(api.spec, schemas.create, body, `Tailgate's ${which} ${noun}`);
      const answer = api.rec.saw(await exchange(api.http, 'POST', sonataUrl(api, api.resource), body));
      expectStatus(answer, 201);
      const created = asRecord(answer.body)?.id;
      if (typeof created !== 'string') throw new CheckFailed('the answer names no id', [], answer);
      made[which] = created;
      expectValid(api.spec, schemas.resource, answer.body, `The created ${schemas.resource}`, answer);
    });
  }
  return made;
}

/** A check that needs what the run created: skipped, saying so, when nothing was. */
export const needs = (
  api: SonataApiRun,
  resourceId: string | undefined,
  check: string,
  title: string,
  work: (id: string) => Promise<void>,
) =>
  resourceId
    ? api.rec.run(checkId(api, check), title, () => work(resourceId))
    : api.rec.skip(checkId(api, check), title, 'nothing was created');

/** Read back by id, valid as `schema`. */
export const checkGet = (api: SonataApiRun, resourceId: string | undefined, schema: string) =>
  needs(api, resourceId, 'get', 'Read one by id', async (id) => {
    const answer = api.rec.saw(
      await exchange(api.http, 'GET', sonataUrl(api, `${api.resource}/${encodeURIComponent(id)}`)),
    );
    expectStatus(answer, 200);
    expectValid(api.spec, schema, answer.body, `The ${schema}`, answer);
    if (asRecord(answer.body)?.id !== id) throw new CheckFailed(`the answer is not ${id}`, [], answer);
  });

/**
 * Listed by externalId: every item valid as `schema` and matching the filter, the resource among them. `excused`
 * names spec complaints about an item that are the file's slip, not the carrier's.
 */
export const checkListByExternalId = (
  api: SonataApiRun,
  resourceId: string | undefined,
  externalId: string,
  schema: string,
  excused: (item: unknown, error: string) => boolean = () => false,
) =>
  needs(api, resourceId, 'list-filter', 'List by externalId', async (id) => {
    const answer = api.rec.saw(await exchange(api.http, 'GET', sonataUrl(api, api.resource, { externalId })));
    expectStatus(answer, 200);
    if (!Array.isArray(answer.body)) throw new CheckFailed('the answer is not a JSON array', [], answer);
    for (const [i, item] of answer.body.entries()) {
      const errors = api.spec.validate(schema, item).errors.filter((e) => !excused(item, e));
      if (errors.length > 0)
        throw new CheckFailed(`item ${i} of the list is not a valid ${schema}`, errors.slice(0, 20), answer);
      if (asRecord(item)?.externalId !== externalId)
        throw new CheckFailed(`item ${i} does not match the filter`, [], answer);
    }
    if (!answer.body.some((item) => asRecord(item)?.id === id))
      throw new CheckFailed(`${id} is not listed`, [], answer);
  });

/** A create without a field MEF requires answers 400 or 422 (with a valid error body when it sends one). */
export const checkMissingMandatory = (api: SonataApiRun, field: string, body: unknown) =>
  api.rec.run(checkId(api, 'missing-mandatory'), `Create without ${field}, which MEF requires (400/422)`, async () => {
    const answer = api.rec.saw(await exchange(api.http, 'POST', sonataUrl(api, api.resource), body));
    expectStatus(answer, 400, 422);
    expectErrorBody(api.spec, answer.status === 400 ? 'Error400' : 'Error422', answer);
  });

/** A buyer's note (MEF's PATCH, plain JSON), the request valid as `updateSchema`, the answer as `resourceSchema`. */
export const checkNote = (
  api: SonataApiRun,
  resourceId: string | undefined,
  body: unknown,
  schemas: [string, string],
) =>
  needs(api, resourceId, 'note', "Add the buyer's note (PATCH)", async (id) => {
    expectValid(api.spec, schemas[0], body, "Tailgate's note");
    const target = sonataUrl(api, `${api.resource}/${encodeURIComponent(id)}`);
    const answer = api.rec.saw(await exchange(api.http, 'PATCH', target, body, 'application/json'));
    expectStatus(answer, 200);
    expectValid(api.spec, schemas[1], answer.body, `The ${schemas[1]}`, answer);
  });
