import { afterAll, describe, expect, it } from 'vitest';
import { carrierRequestsOf } from '../db/repositories/carrier-requests.js';
import { listCreditClaims } from '../db/repositories/credit-claims.js';
import { seedCoverage } from './support/coverage.js';
import { finalizedBreaches } from './support/credits.js';
import { storeOrder } from './support/factories.js';
import { insertFact } from './support/notifications.js';
import { createTestPlatform } from './support/platform.js';

const platform = await createTestPlatform({ now: () => new Date('2026-11-10T10:00:00.000Z') });
afterAll(() => platform.close());

/**
 * Dashboard actions go through the API's own code and refuse what it refuses: the wrong role (403), a request from
 * another site (403), the wrong moment (409), the workflow engine unreachable (503, nothing asked), bad input (422).
 * (This platform has no Temporal: the browser test acts with one.)
 */
describe('dashboard actions', () => {
  const post = (path: string, body: Record<string, string>, cookie: string, origin = 'http://localhost') =>
    platform.app.request(path, {
      method: 'POST',
      body: new URLSearchParams(body).toString(),
      headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
    });

  it('order and ticket actions: only the desk and admin, never across sites, and saying why nothing was done', async () => {
    const partner = await platform.createPartner({ name: 'Action Tails' });
    const open = await storeOrder(platform.db, { partnerId: partner.id, createdAt: '2026-11-01T09:00:00.000Z' });
    const done = await storeOrder(platform.db, {
      partnerId: partner.id,
      createdAt: '2026-10-01T09:00:00.000Z',
      completedAt: '2026-10-20T09:00:00.000Z',
    });
    const desk = await platform.sessionCookie(platform.keys.desk);
    const page = await (await platform.app.request(`/orders/${open}`, { headers: { cookie: desk } })).text();
    expect(page).toContain(`action="/orders/${open}/cancel"`);
    const finished = await (await platform.app.request(`/orders/${done}`, { headers: { cookie: desk } })).text();
    expect(finished).not.toContain('/cancel"');

    expect((await post(`/orders/${open}/cancel`, { reason: 'x' }, desk, 'https://evil.example')).status).toBe(403);
    expect((await post(`/orders/${open}/cancel`, { reason: '' }, desk)).status).toBe(422);
    const unreachable = await post(`/orders/${open}/cancel`, { reason: 'Customer withdrew' }, desk);
    expect(unreachable.status).toBe(503);
    expect(await unreachable.text()).toContain('nothing was asked of the carrier');
    const late = await post(`/orders/${done}/cancel`, { reason: 'Too late' }, desk);
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('The order is already completed');
    expect((await post('/orders/ord_nope/cancel', { reason: 'x' }, desk)).status).toBe(404);

    const finance = await platform.sessionCookie(platform.keys.finance);
    expect((await post(`/orders/${open}/cancel`, { reason: 'x' }, finance)).status).toBe(403);
    const theirs = await platform.sessionCookie(partner.key);
    expect((await post(`/orders/${open}/cancel`, { reason: 'x' }, theirs)).status).toBe(403);
    expect((await post('/tickets/tkt_nope/close', { reason: 'x' }, desk)).status).toBe(404);
  });

  it('finance generates and finalizes from the Finance page; a month not over cannot be finalized', async () => {
    const finance = await platform.sessionCookie(platform.keys.finance);
    const page = await (await platform.app.request('/finance', { headers: { cookie: finance } })).text();
    expect(page).toContain('value="2026-10"');
    expect((await post('/finance/generate', { month: '2026-13' }, finance)).status).toBe(422);
    const generated = await post('/finance/generate', { month: '2026-10' }, finance);
    expect([generated.status, generated.headers.get('location')]).toEqual([303, '/finance#m-2026-10']);
    const drafted = await (await platform.app.request('/finance', { headers: { cookie: finance } })).text();
    expect(drafted).toContain('Finalize 2026-10');
    expect((await post('/finance/generate', { month: '2026-11' }, finance)).status).toBe(303);
    const early = await post('/finance/finalize', { month: '2026-11' }, finance);
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('2026-11 is not over yet');
    expect((await post('/finance/finalize', { month: '2026-10' }, finance)).status).toBe(303);
    const final = await (await platform.app.request('/finance', { headers: { cookie: finance } })).text();
    expect(final).not.toContain('Finalize 2026-10');
    const desk = await platform.sessionCookie(platform.keys.desk);
    expect((await post('/finance/generate', { month: '2026-10' }, desk)).status).toBe(403);
  });

  it('finance waives a breach from its order page with a reason; the desk cannot', async () => {
    const partner = await platform.createPartner({ name: 'Waive Tails' });
    const orderId = await storeOrder(platform.db, { partnerId: partner.id, createdAt: '2026-10-01T09:00:00.000Z' });
    const breach = await insertFact(platform.db, {
      partnerId: partner.id,
      entityId: orderId,
      kind: 'breach',
      threshold: 100,
    });
    const finance = await platform.sessionCookie(platform.keys.finance);
    const desk = await platform.sessionCookie(platform.keys.desk);
    const page = async (cookie: string) =>
      await (await platform.app.request(`/orders/${orderId}`, { headers: { cookie } })).text();
    expect(await page(finance)).toContain(`action="/breaches/${breach.id}/waive"`);
    expect(await page(desk)).not.toContain('/waive"');

    const back = `/orders/${orderId}`;
    expect((await post(`/breaches/${breach.id}/waive`, { reason: 'ok', back }, desk)).status).toBe(403);
    expect((await post(`/breaches/${breach.id}/waive`, { reason: '', back }, finance)).status).toBe(422);
    const waived = await post(
      `/breaches/${breach.id}/waive`,
      { reason: 'Access refused by our customer', back },
      finance,
    );
    expect([waived.status, waived.headers.get('location')]).toEqual([303, back]);
    expect(await page(finance)).toContain('waived: Access refused by our customer');
    expect(
      (await post(`/breaches/${breach.id}/waive`, { reason: 'again', back: 'https://evil.example' }, finance)).status,
    ).toBe(409);
    expect((await post('/breaches/fct_nope/waive', { reason: 'x', back }, finance)).status).toBe(404);
  });

  it('the desk raises a ticket on a delivered order from its page, once per form, with the fields named when wrong', async () => {
    const partner = await platform.createPartner({ name: 'Fault Tails' });
    const orderId = await storeOrder(platform.db, {
      partnerId: partner.id,
      createdAt: '2026-10-01T09:00:00.000Z',
      completedAt: '2026-10-20T09:00:00.000Z',
    });
    const desk = await platform.sessionCookie(platform.keys.desk);
    const page = await (await platform.app.request(`/orders/${orderId}`, { headers: { cookie: desk } })).text();
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(page)![1]!;
    const form = {
      idempotencyKey: key,
      deskReference: 'INC-DASH',
      severity: 'critical',
      priority: '1',
      impact: 'Site down',
      description: 'No light',
      contactName: 'Ann Example',
      contactEmail: 'ann@customer.example',
    };
    const wrong = await post(
      `/orders/${orderId}/tickets`,
      { ...form, contactEmail: 'not-an-address', idempotencyKey: 'k2' },
      desk,
    );
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('contact.email');
    const raised = await post(`/orders/${orderId}/tickets`, form, desk);
    expect(raised.status).toBe(303);
    const again = await post(`/orders/${orderId}/tickets`, form, desk);
    expect(again.headers.get('location')).toBe(raised.headers.get('location'));
    expect(raised.headers.get('location')).toMatch(/^\/tickets\/tkt_/);
    const finance = await platform.sessionCookie(platform.keys.finance);
    expect((await post(`/orders/${orderId}/tickets`, { ...form, idempotencyKey: 'k3' }, finance)).status).toBe(403);
  });

  it('the desk changes or ceases a delivered tail from its page, once per form; a change is no tail of its own', async () => {
    const partner = await platform.createPartner({ name: 'Change Tails' });
    const orderId = await storeOrder(platform.db, {
      partnerId: partner.id,
      createdAt: '2026-10-01T09:00:00.000Z',
      completedAt: '2026-10-20T09:00:00.000Z',
      carrierCircuitRef: 'CCT-DASH-1',
    });
    const desk = await platform.sessionCookie(platform.keys.desk);
    const page = await (await platform.app.request(`/orders/${orderId}`, { headers: { cookie: desk } })).text();
    expect(page).toContain(`action="/orders/${orderId}/changes"`);
    const key = /action="\/orders\/[\w-]+\/changes"[^]*?name="idempotencyKey" value="([^"]+)"/.exec(page)![1]!;
    const form = {
      idempotencyKey: key,
      action: 'modify',
      deskReference: 'CHG-DASH',
      requestedCompletionDate: '2027-01-15',
    };
    const wrong = await post(`/orders/${orderId}/changes`, { ...form, idempotencyKey: 'c2' }, desk);
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('bandwidthMbps');
    const placed = await post(`/orders/${orderId}/changes`, { ...form, bandwidthMbps: '1000' }, desk);
    expect(placed.status).toBe(303);
    const again = await post(`/orders/${orderId}/changes`, { ...form, bandwidthMbps: '1000' }, desk);
    expect(again.headers.get('location')).toBe(placed.headers.get('location'));
    const changePage = await (
      await platform.app.request(placed.headers.get('location')!, { headers: { cookie: desk } })
    ).text();
    expect(changePage).toContain('Change of');
    expect(changePage).toContain('1000 Mb/s');
    const open = await post(`/orders/${orderId}/changes`, { ...form, action: 'delete', idempotencyKey: 'c3' }, desk);
    expect(open.status).toBe(409);
    expect(await open.text()).toContain('still open');
    const finance = await platform.sessionCookie(platform.keys.finance);
    expect((await post(`/orders/${orderId}/changes`, { ...form, idempotencyKey: 'c4' }, finance)).status).toBe(403);
  });

  it('the desk sets the carrier’s own fields when ordering from the offers page, each named when refused', async () => {
    const partner = await platform.createPartner({
      name: 'Field Tails',
      adapter: { orderingApi: 'none', customFields: { orderDefaults: { priority: 'standard', vlan: 100 } } },
    });
    await seedCoverage(platform.db, partner.id, [{ location: 'EC1A' }]);
    const desk = await platform.sessionCookie(platform.keys.desk);
    const res = await platform.request('POST', '/api/v1/qualifications', {
      key: platform.keys.desk,
      json: { address: { countryCode: 'GB', postcode: 'EC1A 1BB' }, productNeeds: { minBandwidthMbps: 100 } },
    });
    const q = (await res.json()) as { id: string; offers: { id: string; partnerId: string }[] };
    const offerId = q.offers.find((o) => o.partnerId === partner.id)!.id;
    const page = await (await platform.app.request(`/qualify/${q.id}`, { headers: { cookie: desk } })).text();
    expect(page).toContain('name="carrierFields"');
    const form = {
      offerId,
      deskReference: 'DESK-FIELDS',
      requestedCompletionDate: '2027-03-01',
      line1: '1 Long Lane',
      city: 'London',
      contactName: 'Ann Example',
      contactEmail: 'ann@customer.example',
    };
    const unknown = await post(
      `/qualify/${q.id}/order`,
      { ...form, idempotencyKey: 'f1', carrierFields: 'colour=red' },
      desk,
    );
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain('colour: the partner takes no field colour');
    const broken = await post(
      `/qualify/${q.id}/order`,
      { ...form, idempotencyKey: 'f2', carrierFields: 'express' },
      desk,
    );
    expect(broken.status).toBe(422);
    const placed = await post(
      `/qualify/${q.id}/order`,
      { ...form, idempotencyKey: 'f3', carrierFields: 'priority=express; vlan=210' },
      desk,
    );
    expect(placed.status).toBe(303);
    const orderId = decodeURIComponent(placed.headers.get('location')!.split('/').pop()!);
    const order = await platform.request('GET', `/api/v1/orders/${orderId}`, { key: platform.keys.desk });
    expect(((await order.json()) as { carrierFields: unknown }).carrierFields).toEqual({
      priority: 'express',
      vlan: 210,
    });
  });

  it('finance claims a month and records a settlement from the Credits pages; others and other sites cannot', async () => {
    const { carrier } = await finalizedBreaches(platform, '2026-09', [2]);
    const finance = await platform.sessionCookie(platform.keys.finance);
    const desk = await platform.sessionCookie(platform.keys.desk);
    const claim = { month: '2026-09', partnerId: carrier.id, claimReference: 'CLM-SEP', claimedOn: '2026-10-02' };
    expect((await post('/credits/claim', claim, desk)).status).toBe(403);
    expect((await post('/credits/claim', claim, finance, 'https://evil.example')).status).toBe(403);
    const bad = await post('/credits/claim', { ...claim, claimedOn: 'yesterday' }, finance);
    expect([bad.status, await bad.text()]).toEqual([422, expect.stringContaining('claimedOn: must be a date')]);
    expect(await listCreditClaims(platform.db, { partnerId: carrier.id, limit: 10 })).toEqual([]);
    const made = await post('/credits/claim', claim, finance);
    expect(made.status).toBe(303);
    const [claimed] = await listCreditClaims(platform.db, { partnerId: carrier.id, limit: 10 });
    expect(claimed).toMatchObject({ state: 'claimed', amountMinor: 3000, claimReference: 'CLM-SEP' });

    const settle = (received: string) =>
      post(
        `/credits/claims/${claimed!.id}/settle`,
        { creditNoteReference: 'CN-9', received, on: '2026-10-20' },
        finance,
      );
    expect((await settle('30.001')).status).toBe(422);
    expect((await settle('30.01')).status).toBe(422);
    expect((await settle('30.00')).status).toBe(303);
    const [settled] = await listCreditClaims(platform.db, { partnerId: carrier.id, limit: 10 });
    expect(settled).toMatchObject({ state: 'settled', receivedMinor: 3000, creditNoteReference: 'CN-9' });
    expect((await settle('30.00')).status).toBe(409);
    const page = await (
      await platform.app.request(`/credits/claims/${claimed!.id}`, { headers: { cookie: desk } })
    ).text();
    expect(page).not.toContain('CN-9');
  });

  it('the desk amends, answers and notes from the order page; refused across sites, for finance, and without Temporal', async () => {
    const partner = await platform.createPartner({ name: 'Amend Tails' });
    const open = await storeOrder(platform.db, { partnerId: partner.id, createdAt: '2026-11-01T09:00:00.000Z' });
    const desk = await platform.sessionCookie(platform.keys.desk);
    const finance = await platform.sessionCookie(platform.keys.finance);
    const page = await (await platform.app.request(`/orders/${open}`, { headers: { cookie: desk } })).text();
    expect(page).toContain(`action="/orders/${open}/amend"`);
    expect(page).toContain(`action="/orders/${open}/note"`);
    const amend = {
      requestedCompletionDate: '2099-02-01',
      bandwidthMbps: '1000',
      contactName: 'A',
      contactEmail: 'a@example.com',
    };
    expect((await post(`/orders/${open}/amend`, amend, desk, 'https://evil.example')).status).toBe(403);
    expect((await post(`/orders/${open}/amend`, amend, finance)).status).toBe(403);
    const zero = await post(`/orders/${open}/amend`, { ...amend, bandwidthMbps: '0' }, desk);
    expect([zero.status, await zero.text()]).toEqual([422, expect.stringContaining('bandwidthMbps')]);
    const nothing = await post(
      `/orders/${open}/amend`,
      { ...amend, requestedCompletionDate: '2099-01-01', bandwidthMbps: '100' },
      desk,
    );
    expect([nothing.status, await nothing.text()]).toEqual([422, expect.stringContaining('changes nothing')]);
    // No Temporal here: nothing is sent, the request is failed at once, and the desk is told to try again.
    const unreachable = await post(`/orders/${open}/amend`, amend, desk);
    expect([unreachable.status, await unreachable.text()]).toEqual([503, expect.stringContaining('nothing was sent')]);
    const requests = await carrierRequestsOf(platform.db, open);
    expect(requests.map((r) => [r.kind, r.status])).toEqual([['amend', 'failed']]);
    const answer = await post(`/orders/${open}/answer`, { text: 'Key holder on site' }, desk);
    expect([answer.status, await answer.text()]).toEqual([409, expect.stringContaining('not waiting on us')]);
    expect((await post(`/orders/${open}/note`, { text: '' }, desk)).status).toBe(422);
  });
});
