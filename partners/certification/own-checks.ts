import { carrierUrl, type CarrierHttpSettings } from '../adapters/http.js';
import {
  asRecord,
  CheckFailed,
  exchange,
  expectStatus,
  expectValid,
  type CheckRecorder,
  type Exchange,
} from './suite.js';
import { loadTmfSpec, tmf621v4SpecFile, tmf622v4SpecFile, tmf673v4SpecFile, tmf679v4SpecFile } from './tmf-spec.js';

/*
 * The checks of Tailgate's own TMF server side (own-endpoints.ts runs them): TMF679 and TMF673 as the provider's own
 * systems call them, TMF622 and TMF621 as a carrier without an API pulls and updates its orders and tickets. Every
 * payload is checked against the official file.
 */

export type OwnRun = { rec: CheckRecorder; baseUrl: string; runId: string };
/** A caller of our endpoints: its key, sent as a bearer token. */
export type OwnCaller = CarrierHttpSettings;
/** The site and product the TMF679 and TMF673 checks ask about. */
export type OwnSite = { countryCode: string; postcode: string; productCode: string; bandwidthMbps: number };

/** Attributes a TMF630 `fields=` selection always keeps besides those asked for. */
const alwaysSelected = new Set(['id', 'href', '@type', '@baseType', '@schemaLocation', '@referredType']);

function listOf(answer: Exchange): Record<string, unknown>[] {
  if (!Array.isArray(answer.body)) throw new CheckFailed('the answer is not a JSON array', [], answer);
  return answer.body.map((item) => asRecord(item) ?? {});
}

/** TMF630: a request the API refuses as malformed is a 400 with a TMF Error body. */
function expectBadRequest(spec: ReturnType<typeof loadTmfSpec>, answer: Exchange) {
  expectStatus(answer, 400);
  expectValid(spec, 'Error', answer.body, 'The error body', answer);
}

/** Only `field` (and what a selection always keeps) on every item, and `id` listed with it. */
function expectSelected(answer: Exchange, field: string, id: string) {
  const items = listOf(answer);
  for (const [i, item] of items.entries()) {
    const extra = Object.keys(item).filter((k) => k !== field && !alwaysSelected.has(k));
    if (extra.length > 0)
      throw new CheckFailed(`item ${i} has attributes not selected: ${extra.join(', ')}`, [], answer);
  }
  const listed = items.find((item) => item.id === id);
  if (!listed || listed[field] === undefined)
    throw new CheckFailed(`${id} is not listed with its ${field}`, [], answer);
}

/** Every item a valid `schema` matching `matches`, and `id` among them. */
function expectFiltered(
  spec: ReturnType<typeof loadTmfSpec>,
  schema: string,
  answer: Exchange,
  matches: (item: Record<string, unknown>) => boolean,
  id: string,
) {
  const items = listOf(answer);
  for (const [i, item] of items.entries()) {
    expectValid(spec, schema, item, `Item ${i} of the list`, answer);
    if (!matches(item)) throw new CheckFailed(`item ${i} does not match the filter`, [], answer);
  }
  if (!items.some((item) => item.id === id)) throw new CheckFailed(`${id} is not listed`, [], answer);
}

const place = (site: OwnSite, full: boolean) => ({
  role: 'installationAddress',
  postcode: site.postcode,
  country: site.countryCode,
  ...(full ? { streetNr: '1', streetName: 'Certification Street', city: 'London' } : {}),
  '@type': 'GeographicAddress',
});

/** TMF679 v4 ProductOfferingQualification: create (smallest and fullest), read, list, select, 404, 400. */
export async function checkTmf679(run: OwnRun, http: OwnCaller, site: OwnSite): Promise<void> {
  const { rec } = run;
  const spec = loadTmfSpec(tmf679v4SpecFile);
  const root = 'tmf-api/productOfferingQualification/v4/productOfferingQualification';
  const url = (path: string, query?: Record<string, string>) => carrierUrl(run.baseUrl, `${root}${path}`, query);
  const item = (full: boolean) => ({
    id: '1',
    action: 'add',
    productOffering: { id: site.productCode, '@referredType': 'ProductOffering' },
    product: {
      place: [place(site, full)],
      ...(full
        ? {
            productCharacteristic: [
              { name: 'bandwidth', value: `${site.bandwidthMbps} Mbps`, valueType: 'string' },
              { name: 'maxLeadTimeDays', value: 90, valueType: 'integer' },
            ],
          }
        : {}),
      '@type': 'Product',
    },
    '@type': 'ProductOfferingQualificationItem',
  });
  const bodies = {
    minimum: { productOfferingQualificationItem: [item(false)] },
    full: {
      description: `Tailgate certification run ${run.runId}`,
      instantSyncQualification: true,
      provideAlternative: true,
      provideUnavailabilityReason: true,
      productOfferingQualificationItem: [item(true)],
      '@type': 'ProductOfferingQualification',
    },
  };
  const made: { minimum?: string; full?: string } = {};
  for (const which of ['minimum', 'full'] as const) {
    await rec.run(`tmf679.create-${which}`, `Qualify with the ${which} request`, async () => {
      expectValid(spec, 'ProductOfferingQualification_Create', bodies[which], `The ${which} request`);
      const answer = rec.saw(await exchange(http, 'POST', url(''), bodies[which]));
      expectStatus(answer, 201);
      expectValid(spec, 'ProductOfferingQualification', answer.body, 'The qualification', answer);
      const id = asRecord(answer.body)?.id;
      if (typeof id !== 'string') throw new CheckFailed('the answer names no id', [], answer);
      made[which] = id;
    });
  }
  const needs = (id: string | undefined, check: string, title: string, work: (id: string) => Promise<void>) =>
    id ? rec.run(`tmf679.${check}`, title, () => work(id)) : rec.skip(`tmf679.${check}`, title, 'nothing was created');
  await needs(made.minimum, 'get', 'Read one by id', async (id) => {
    const answer = rec.saw(await exchange(http, 'GET', url(`/${id}`)));
    expectStatus(answer, 200);
    expectValid(spec, 'ProductOfferingQualification', answer.body, 'The qualification', answer);
    if (asRecord(answer.body)?.id !== id) throw new CheckFailed(`the answer is not ${id}`, [], answer);
  });
  const byOffering = 'productOfferingQualificationItem.productOffering.id';
  await needs(made.full, 'list-filter', `List with an attribute filter (${byOffering})`, async (id) => {
    const answer = rec.saw(await exchange(http, 'GET', url('', { [byOffering]: site.productCode })));
    expectStatus(answer, 200);
    const offers = (q: Record<string, unknown>) =>
      JSON.stringify(q.productOfferingQualificationItem ?? []).includes(JSON.stringify(site.productCode));
    expectFiltered(spec, 'ProductOfferingQualification', answer, offers, id);
  });
  await needs(made.full, 'list-fields', 'List with an attribute selection (fields=state)', async (id) => {
    const answer = rec.saw(await exchange(http, 'GET', url('', { [byOffering]: site.productCode, fields: 'state' })));
    expectStatus(answer, 200);
    expectSelected(answer, 'state', id);
  });
  await rec.run('tmf679.unknown-id', 'Read an id that does not exist (404)', async () => {
    const answer = rec.saw(await exchange(http, 'GET', url(`/tailgate-unknown-${run.runId}`)));
    expectStatus(answer, 404);
    expectValid(spec, 'Error', answer.body, 'The error body', answer);
  });
  await rec.run('tmf679.several-items', 'Qualify two product offerings without a place, item by item', async () => {
    const body = {
      productOfferingQualificationItem: ['1', '2'].map((itemId) => ({
        id: itemId,
        productOffering: { id: site.productCode, '@referredType': 'ProductOffering' },
      })),
    };
    expectValid(spec, 'ProductOfferingQualification_Create', body, 'The request');
    const answer = rec.saw(await exchange(http, 'POST', url(''), body));
    expectStatus(answer, 201);
    expectValid(spec, 'ProductOfferingQualification', answer.body, 'The qualification', answer);
    const items = asRecord(answer.body)?.productOfferingQualificationItem;
    const answered = Array.isArray(items) ? items.map((item) => asRecord(item) ?? {}) : [];
    const unqualified = (item: Record<string, unknown>) =>
      item.qualificationItemResult === 'unqualified' &&
      Array.isArray(item.eligibilityUnavailabilityReason) &&
      item.eligibilityUnavailabilityReason.length > 0;
    if (answered.map((item) => item.id).join() !== '1,2' || !answered.every(unqualified))
      throw new CheckFailed('each item must be answered, unqualified with a reason', [], answer);
  });
  await rec.run('tmf679.malformed', 'Qualify without productOfferingQualificationItem (400)', async () => {
    const { productOfferingQualificationItem: _left, ...body } = bodies.full;
    expectBadRequest(spec, rec.saw(await exchange(http, 'POST', url(''), body)));
  });
}

/** TMF673 v4 GeographicAddressValidation: validate (smallest and fullest), and 400 without the address. */
export async function checkTmf673(run: OwnRun, http: OwnCaller, site: OwnSite): Promise<void> {
  const { rec } = run;
  const spec = loadTmfSpec(tmf673v4SpecFile);
  const url = carrierUrl(run.baseUrl, 'tmf-api/geographicAddressManagement/v4/geographicAddressValidation');
  const address = (full: boolean) => {
    const { role: _role, ...rest } = place(site, full);
    return rest;
  };
  const bodies = {
    minimum: { provideAlternative: false, submittedGeographicAddress: address(false) },
    full: {
      provideAlternative: true,
      submittedGeographicAddress: address(true),
      '@type': 'GeographicAddressValidation',
    },
  };
  for (const which of ['minimum', 'full'] as const) {
    await rec.run(`tmf673.validate-${which}`, `Validate an address with the ${which} request`, async () => {
      expectValid(spec, 'GeographicAddressValidation_Create', bodies[which], `The ${which} request`);
      const answer = rec.saw(await exchange(http, 'POST', url, bodies[which]));
      expectStatus(answer, 201);
      expectValid(spec, 'GeographicAddressValidation', answer.body, 'The validation', answer);
    });
  }
  await rec.run('tmf673.missing-mandatory', 'Validate without submittedGeographicAddress (400)', async () => {
    const body = { provideAlternative: false };
    if (spec.validate('GeographicAddressValidation_Create', body).valid)
      throw new CheckFailed('the spec does not require submittedGeographicAddress: the check cannot judge');
    expectBadRequest(spec, rec.saw(await exchange(http, 'POST', url, body)));
  });
}

/** How a carrier without an API sees one of our resources: TMF622 productOrder or TMF621 troubleTicket. */
type ServedFamily = {
  id: 'tmf622' | 'tmf621';
  root: string;
  resource: string;
  specFile: string;
  schema: string;
  stateField: 'state' | 'status';
  /** An attribute filter (path, value) every one of its resources as we serve them matches. */
  filter: [string, string];
};

const servedFamilies: Record<'tmf622' | 'tmf621', ServedFamily> = {
  tmf622: {
    id: 'tmf622',
    root: 'tmf-api/productOrderingManagement/v4',
    resource: 'productOrder',
    specFile: tmf622v4SpecFile,
    schema: 'ProductOrder',
    stateField: 'state',
    filter: ['productOrderItem.action', 'add'],
  },
  tmf621: {
    id: 'tmf621',
    root: 'tmf-api/troubleTicket/v4',
    resource: 'troubleTicket',
    specFile: tmf621v4SpecFile,
    schema: 'TroubleTicket',
    stateField: 'status',
    filter: ['relatedEntity.@referredType', 'ProductOrder'],
  },
};

/**
 * Our TMF622 or TMF621 server as its carrier uses it: list (every item valid), read the newest, list with an
 * attribute filter and with `fields=`, an unknown id (404), and a PATCH with a value the API does not take (400,
 * the resource unchanged).
 */
export async function checkServed(run: OwnRun, http: OwnCaller, which: 'tmf622' | 'tmf621'): Promise<void> {
  const { rec } = run;
  const family = servedFamilies[which];
  const spec = loadTmfSpec(family.specFile);
  const url = (path: string, query?: Record<string, string>) =>
    carrierUrl(run.baseUrl, `${family.root}/${family.resource}${path}`, query);
  const id = (check: string) => `${family.id}.${check}`;
  const newest = await rec.run(id('list'), `List the carrier's ${family.resource}s`, async () => {
    const answer = rec.saw(await exchange(http, 'GET', url('', { limit: '5' })));
    expectStatus(answer, 200);
    const items = listOf(answer);
    for (const [i, item] of items.entries()) expectValid(spec, family.schema, item, `Item ${i} of the list`, answer);
    if (items.length === 0) throw new CheckFailed(`the carrier has no ${family.resource} for the run to read`);
    return String(items[0]!.id);
  });
  const needs = (check: string, title: string, work: (id: string) => Promise<void>) =>
    newest ? rec.run(id(check), title, () => work(newest)) : rec.skip(id(check), title, `no ${family.resource} listed`);
  await needs('get', 'Read one by id', async (resourceId) => {
    const answer = rec.saw(await exchange(http, 'GET', url(`/${encodeURIComponent(resourceId)}`)));
    expectStatus(answer, 200);
    expectValid(spec, family.schema, answer.body, `The ${family.resource}`, answer);
  });
  const [path, value] = family.filter;
  await needs('list-filter', `List with an attribute filter (${path}=${value})`, async (resourceId) => {
    const answer = rec.saw(await exchange(http, 'GET', url('', { [path]: value })));
    expectStatus(answer, 200);
    const matches = (item: Record<string, unknown>) => JSON.stringify(item).includes(JSON.stringify(value));
    expectFiltered(spec, family.schema, answer, matches, resourceId);
  });
  await needs('list-fields', `List with an attribute selection (fields=${family.stateField})`, async (resourceId) => {
    const answer = rec.saw(await exchange(http, 'GET', url('', { fields: family.stateField })));
    expectStatus(answer, 200);
    expectSelected(answer, family.stateField, resourceId);
  });
  await rec.run(id('unknown-id'), 'Read an id that does not exist (404)', async () => {
    const answer = rec.saw(await exchange(http, 'GET', url(`/tailgate-unknown-${run.runId}`)));
    expectStatus(answer, 404);
    expectValid(spec, 'Error', answer.body, 'The error body', answer);
  });
  await needs(
    'patch-malformed',
    `Update with a ${family.stateField} the API does not know (400)`,
    async (resourceId) => {
      const one = url(`/${encodeURIComponent(resourceId)}`);
      const before = asRecord((await exchange(http, 'GET', one)).body)?.[family.stateField];
      expectBadRequest(spec, rec.saw(await exchange(http, 'PATCH', one, { [family.stateField]: 'notAState' })));
      const after = rec.saw(await exchange(http, 'GET', one));
      if (asRecord(after.body)?.[family.stateField] !== before)
        throw new CheckFailed(`the refused update changed its ${family.stateField}`, [], after);
    },
  );
}
