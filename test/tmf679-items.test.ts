import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tmf679Qualification } from '../openapi/tmf679.js';
import { createTestPlatform } from './support/platform.js';
import * as tmf679 from './support/tmf679.js';

const { url, site } = tmf679;
const platform = await createTestPlatform();
afterAll(() => platform.close());
const storedCount = () => tmf679.storedCount(platform);
const postQualification = (request: object) => tmf679.postQualification(platform, request);

beforeAll(async () => {
  await tmf679.seedTwoCarriers(platform);
});

/** TMF679 requests of several items: each item answered on its own, an item naming no site unqualified. */
describe('POST productOfferingQualification with several items (TMF679 v4)', () => {
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
});
