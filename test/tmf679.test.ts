import { queryAll } from '../db/execute.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qualifications } from '../db/schema.js';
import type { Qualification } from '../openapi/qualification.js';
import type { Tmf679Qualification } from '../openapi/tmf679.js';
import { seedCoverage } from './support/coverage.js';
import { createTestPlatform } from './support/platform.js';
import { loadTmfSpec } from './support/tmf-spec.js';

const spec = loadTmfSpec('TMF679-ProductOfferingQualification-v4.0.0.swagger.json');
const platform = await createTestPlatform();
afterAll(() => platform.close());

const url = '/tmf-api/productOfferingQualification/v4/productOfferingQualification';
const storedCount = async () => (await queryAll(platform.db.select().from(qualifications))).length;

const site = (overrides: Record<string, unknown> = {}) => ({
  role: 'installationAddress',
  '@type': 'GeographicAddress',
  streetNr: '1',
  streetName: 'The Mall',
  city: 'London',
  postcode: 'sw1a1aa',
  country: 'GB',
  ...overrides,
});

const poqRequest = (item: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  instantSyncQualification: true,
  provideAlternative: true,
  '@type': 'ProductOfferingQualification',
  productOfferingQualificationItem: [
    {
      id: 'item-1',
      action: 'add',
      productOffering: { id: 'ETH-100', '@referredType': 'ProductOffering' },
      product: { '@type': 'Product', place: [site()] },
      '@type': 'ProductOfferingQualificationItem',
      ...item,
    },
  ],
  ...extra,
});

/** Posts a request that must itself be spec-valid; the 201 answer is checked against the spec too. */
async function postQualification(request: object, key = platform.keys.desk) {
  spec.assertValid('ProductOfferingQualification_Create', request);
  const res = await platform.request('POST', url, { json: request, key });
  if (res.status === 201) spec.assertValid('ProductOfferingQualification', await res.clone().json());
  return res;
}

let alphaId = '';
beforeAll(async () => {
  const alpha = await platform.createPartner({ name: 'Alpha Fibre' });
  const bravo = await platform.createPartner({ name: 'Bravo Net' });
  alphaId = alpha.id;
  await seedCoverage(platform.db, alpha.id, [
    { location: 'SW1A 1AA', installChargeMinor: 120_050, monthlyChargeMinor: 40_000, leadTimeDays: 20 },
    { location: 'SW', productCode: 'ETH-1G', bandwidthMbps: 1000, monthlyChargeMinor: 90_000 },
  ]);
  await seedCoverage(platform.db, bravo.id, [{ location: 'SW1A', accessType: 'nearNet', monthlyChargeMinor: 20_000 }]);
});

describe('POST productOfferingQualification (TMF679 v4)', () => {
  it('qualifies the site with every offer as a proposal, best first, spec-valid both ways', async () => {
    const res = await postQualification(poqRequest());
    expect(res.status).toBe(201);
    const body = (await res.json()) as Tmf679Qualification;
    expect(body).toMatchObject({ state: 'done', qualificationResult: 'qualified', href: `${url}/${body.id}` });
    expect(res.headers.get('location')).toBe(body.href);
    const item = body.productOfferingQualificationItem[0]!;
    expect(item).toMatchObject({
      id: 'item-1',
      qualificationItemResult: 'qualified',
      productOffering: { id: 'ETH-100' },
    });
    const [best, second] = item.alternateProductOfferingProposal;
    expect(item.alternateProductOfferingProposal).toHaveLength(2);
    expect(best?.alternateProduct.relatedParty[0]).toMatchObject({
      id: alphaId,
      name: 'Alpha Fibre',
      role: 'supplier',
    });
    expect(best?.alternateProduct.productPrice).toEqual([
      { name: 'Installation', priceType: 'oneTime', price: { dutyFreeAmount: { unit: 'GBP', value: 1200.5 } } },
      {
        name: 'Rental',
        priceType: 'recurring',
        recurringChargePeriod: 'month',
        price: { dutyFreeAmount: { unit: 'GBP', value: 400 } },
      },
    ]);
    const characteristics = Object.fromEntries(
      best!.alternateProduct.productCharacteristic.map((c) => [c.name, c.value]),
    );
    expect(characteristics).toMatchObject({
      rank: 1,
      matchLevel: 'postcode',
      confidence: 'green',
      bandwidthMbps: 100,
      leadTimeDays: 20,
    });
    expect(Date.parse(best!.alternateActivationDate) - Date.parse(body.effectiveQualificationDate)).toBe(
      20 * 86_400_000,
    );
    expect(second?.alternateProduct.relatedParty[0]?.name).toBe('Bravo Net');
  });

  it('is the same stored qualification as the desk API shows, offer ids included', async () => {
    const body = (await (await postQualification(poqRequest())).json()) as Tmf679Qualification;
    const ours = (await (await platform.request('GET', `/api/v1/qualifications/${body.id}`)).json()) as Qualification;
    expect(ours.address).toMatchObject({
      countryCode: 'GB',
      postcode: 'SW1A 1AA',
      line1: '1 The Mall',
      city: 'London',
    });
    expect(ours.productNeeds).toEqual({ productCode: 'ETH-100' });
    expect(body.productOfferingQualificationItem[0]?.alternateProductOfferingProposal.map((p) => p.id)).toEqual(
      ours.offers.map((o) => o.id),
    );

    const again = await platform.request('GET', body.href);
    expect(again.status).toBe(200);
    const fetched = await again.json();
    spec.assertValid('ProductOfferingQualification', fetched);
    expect(fetched).toEqual(body);
  });

  it('reads the bandwidth from a product characteristic and the site from the top-level place', async () => {
    const request = poqRequest(
      {
        productOffering: undefined,
        product: { productCharacteristic: [{ name: 'bandwidth', valueType: 'string', value: '1 Gbps' }] },
      },
      { place: [site({ postcode: 'SW7 2AZ' })] },
    );
    const body = (await (await postQualification(request)).json()) as Tmf679Qualification;
    const proposals = body.productOfferingQualificationItem[0]!.alternateProductOfferingProposal;
    expect(proposals.map((p) => p.alternateProductOffering.id)).toEqual(['ETH-1G']);
  });

  it('answers unqualified, with a reason, where nobody covers the site', async () => {
    const res = await postQualification(poqRequest({ product: { place: [site({ postcode: 'EH1 1YZ' })] } }));
    const body = (await res.json()) as Tmf679Qualification;
    expect(body.qualificationResult).toBe('unqualified');
    expect(body.productOfferingQualificationItem[0]).toMatchObject({
      qualificationItemResult: 'unqualified',
      alternateProductOfferingProposal: [],
      eligibilityUnavailabilityReason: [{ code: 'noCoverage' }],
    });
  });

  it.each([
    [
      'an invalid postcode',
      poqRequest({ product: { place: [site({ postcode: 'SW1A 1AAA' })] } }),
      'productOfferingQualificationItem.0.product.place.0.postcode',
    ],
    [
      'a country not served',
      poqRequest({ product: { place: [site({ country: 'FR' })] } }),
      'productOfferingQualificationItem.0.product.place.0.country',
    ],
    [
      'no product needs',
      poqRequest({ productOffering: undefined }),
      'productOfferingQualificationItem.0.product.productOffering.id',
    ],
    [
      'an unreadable bandwidth',
      poqRequest({ product: { place: [site()], productCharacteristic: [{ name: 'bandwidth', value: 'fast' }] } }),
      'productOfferingQualificationItem.0.product.productCharacteristic.0.value',
    ],
  ])('%s is a 422 naming the TMF field and stores nothing', async (_what, request, path) => {
    const before = await storedCount();
    const res = await postQualification(request);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(path);
    expect(await storedCount()).toBe(before);
  });

  it.each([
    ['an item without its id', { productOfferingQualificationItem: [{ productOffering: { id: 'ETH-100' } }] }, '.0.id'],
    ['no item', { productOfferingQualificationItem: [] }, ''],
    ['21 items', { productOfferingQualificationItem: Array.from({ length: 21 }, (_, i) => ({ id: `${i}` })) }, ''],
  ])('answers 400 (TMF630) naming the field for %s, storing nothing', async (_what, request, field) => {
    const before = await storedCount();
    const res = await platform.request('POST', url, { json: request, key: platform.keys.desk });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(
      `productOfferingQualificationItem${field}`,
    );
    expect(await storedCount()).toBe(before);
  });

  it('answers two product offerings without a place item by item, unqualified with the reason, and keeps it', async () => {
    const before = await storedCount();
    const request = {
      productOfferingQualificationItem: ['ETH-100', 'ETH-1G'].map((code, i) => ({
        id: `${i + 1}`,
        productOffering: { id: code, '@referredType': 'ProductOffering' },
      })),
    };
    const res = await postQualification(request);
    expect(res.status).toBe(201);
    const answer = (await res.json()) as Tmf679Qualification;
    expect(answer).toMatchObject({ state: 'done', qualificationResult: 'unqualified', place: [] });
    expect(answer.productOfferingQualificationItem).toEqual(
      ['ETH-100', 'ETH-1G'].map((code, i) =>
        expect.objectContaining({
          id: `${i + 1}`,
          productOffering: { id: code },
          qualificationItemResult: 'unqualified',
          alternateProductOfferingProposal: [],
          eligibilityUnavailabilityReason: [expect.objectContaining({ code: 'noPlace' })],
        }),
      ),
    );
    // Nothing to qualify, so no qualification of its own; the answer itself is kept.
    expect(await storedCount()).toBe(before);
    expect(res.headers.get('location')).toBe(answer.href);
    const again = await platform.request('GET', answer.href, { key: platform.keys.desk });
    expect(await again.json()).toEqual(answer);
  });

  it('qualifies each item on its own: one with a site gets offers to order from, one without is unqualified', async () => {
    const request = {
      productOfferingQualificationItem: [
        { id: 'a', productOffering: { id: 'ETH-100' }, product: { place: [site()] } },
        { id: 'b', productOffering: { id: 'ETH-1G' } },
      ],
    };
    const answer = (await (await postQualification(request)).json()) as Tmf679Qualification;
    const [placed, unplaced] = answer.productOfferingQualificationItem;
    expect(answer.qualificationResult).toBe('unqualified');
    expect(answer.place).toEqual([expect.objectContaining({ postcode: 'SW1A 1AA', country: 'GB' })]);
    expect(placed).toMatchObject({ id: 'a', qualificationItemResult: 'qualified' });
    expect(placed!.alternateProductOfferingProposal.map((p) => p.alternateProduct.relatedParty[0]!.name)).toEqual([
      'Alpha Fibre',
      'Bravo Net',
    ]);
    expect(unplaced).toMatchObject({ id: 'b', qualificationItemResult: 'unqualified' });
    // The item's offer is an offer like any other: the desk orders from it.
    const order = await platform.request('POST', '/api/v1/orders', {
      key: platform.keys.desk,
      headers: { 'idempotency-key': `poq-${answer.id}` },
      json: {
        offerId: placed!.alternateProductOfferingProposal[0]!.id,
        deskReference: 'DESK-POQ-ITEM',
        requestedCompletionDate: '2099-01-15',
        site: { countryCode: 'GB', postcode: 'SW1A 1AA', line1: '1 The Mall', city: 'London' },
        contact: { name: 'Sam Patel', email: 'sam.patel@customer.example' },
      },
    });
    expect(order.status).toBe(201);
    // Listed as one resource: the item's own qualification is shown only within it.
    const listed = (await (
      await platform.request('GET', `${url}?limit=3`, { key: platform.keys.desk })
    ).json()) as Tmf679Qualification[];
    expect(listed[0]!.id).toBe(answer.id);
    expect(listed.filter((q) => q.productOfferingQualificationItem.some((i) => i.id === 'a'))).toHaveLength(1);
  });

  it('refuses partner and finance keys (403) and anonymous callers (401)', async () => {
    const created = (await (await postQualification(poqRequest())).json()) as Tmf679Qualification;
    const partner = await platform.createPartner();
    for (const key of [partner.key, platform.keys.finance]) {
      expect((await platform.request('POST', url, { json: poqRequest(), key })).status).toBe(403);
      expect((await platform.request('GET', created.href, { key })).status).toBe(403);
    }
    expect((await platform.request('POST', url, { json: poqRequest(), key: null })).status).toBe(401);
    expect((await platform.request('GET', created.href, { key: null })).status).toBe(401);
  });
});

describe('GET productOfferingQualification: TMF630 attribute filters and field selection', () => {
  it('lists the newest first, filtered by attributes (dotted paths into items), paged by offset and limit', async () => {
    const ids: string[] = [];
    for (const code of ['ETH-100', 'ETH-1G', 'ETH-100']) {
      const res = await postQualification(
        poqRequest({ productOffering: { id: code, '@referredType': 'ProductOffering' } }),
      );
      ids.push(((await res.json()) as { id: string }).id);
    }
    const list = async (query: string) => {
      const res = await platform.request('GET', `${url}?${query}`, { key: platform.keys.desk });
      expect(res.status).toBe(200);
      const items = (await res.json()) as Tmf679Qualification[];
      expect(res.headers.get('x-result-count')).toBe(String(items.length));
      for (const item of items) spec.assertValid('ProductOfferingQualification', item);
      return items;
    };
    const eth100 = await list('productOfferingQualificationItem.productOffering.id=ETH-100&limit=100');
    expect(eth100.map((q) => q.id).filter((id) => ids.includes(id))).toEqual([ids[2], ids[0]]);
    expect((await list(`id=${ids[1]}`)).map((q) => q.id)).toEqual([ids[1]]);
    expect((await list(`state=done&id=${ids[1]}`)).map((q) => q.id)).toEqual([ids[1]]);
    expect(await list(`state=inProgress&id=${ids[1]}`)).toEqual([]);
    const newest = await list('limit=2');
    expect(newest.map((q) => q.id)).toEqual([ids[2], ids[1]]);
    expect((await list('limit=1&offset=1')).map((q) => q.id)).toEqual([ids[1]]);
  });

  it('selects the attributes `fields` names, always with id and href, on the list and on one', async () => {
    const created = (await (await postQualification(poqRequest())).json()) as { id: string; href: string };
    const one = await platform.request('GET', `${url}/${created.id}?fields=state`, { key: platform.keys.desk });
    expect(await one.json()).toEqual({ id: created.id, href: created.href, state: 'done' });
    const list = await platform.request('GET', `${url}?fields=id&id=${created.id}`, { key: platform.keys.desk });
    expect(await list.json()).toEqual([{ id: created.id, href: created.href }]);
    expect((await platform.request('GET', url, { key: platform.keys.finance })).status).toBe(403);
  });
});
