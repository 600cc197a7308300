import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Qualification } from '../openapi/qualification.js';
import type { Tmf679Qualification } from '../openapi/tmf679.js';
import { createTestPlatform } from './support/platform.js';
import * as tmf679 from './support/tmf679.js';

const { url, spec, site, poqRequest } = tmf679;
const platform = await createTestPlatform();
afterAll(() => platform.close());
const storedCount = () => tmf679.storedCount(platform);
const postQualification = (request: object, key = platform.keys.desk) =>
  tmf679.postQualification(platform, request, key);

let alphaId = '';
beforeAll(async () => {
  alphaId = await tmf679.seedTwoCarriers(platform);
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
