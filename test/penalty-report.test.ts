import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomesForEntity } from '../db/repositories/clock-outcomes.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { orderInput, placeOrder } from './support/orders.js';
import { raiseTicket, ticketInput } from './support/tickets.js';
import { startTimeSkippingPlatform, type TimeSkippingPlatform } from './support/time-skipping.js';
import { waitFor } from './support/wait.js';

const HOUR = 3_600_000;

/**
 * End to end on Temporal's time-skipping server: a late delivery and a slow repair against a carrier without an API
 * (it moves its order and ticket by PATCH on our TMF servers), their clocks' outcomes recorded by the workflows, and
 * the month's report generated, downloaded as CSV and checked against amounts worked out by hand.
 */
describe('monthly penalty report from orders and tickets (time-skipping Temporal)', () => {
  let ts: TimeSkippingPlatform;
  let carrier: { id: string; key: string };
  const finance = () => ts.platform.keys.finance;
  const patchOrder = async (id: string, body: unknown) =>
    expect(
      (
        await ts.platform.request('PATCH', `/tmf-api/productOrderingManagement/v4/productOrder/${id}`, {
          key: carrier.key,
          json: body,
        })
      ).status,
    ).toBe(200);
  const patchTicket = async (id: string, body: unknown) =>
    expect(
      (
        await ts.platform.request('PATCH', `/tmf-api/troubleTicket/v4/troubleTicket/${id}`, {
          key: carrier.key,
          json: body,
        })
      ).status,
    ).toBe(200);

  beforeAll(async () => {
    ts = await startTimeSkippingPlatform();
    carrier = await ts.platform.createPartner({
      name: 'Penalty Tails',
      adapter: { orderingApi: 'none', troubleTicketApi: 'none' },
    });
    await givePolicy(ts.platform.db, carrier.id, {
      ...policyDocument([
        {
          id: 'delivery-5wd',
          metric: 'deliveryLeadTime',
          appliesTo: { entity: 'order' },
          stop: { state: 'completed' },
          target: { kind: 'workingDays', days: 5 },
          calendar: 'uk-office',
          jeopardy: [50],
          penalty: { clause: 'late-delivery' },
        },
        {
          id: 'restore-p1-4h',
          metric: 'faultRestoration',
          appliesTo: { entity: 'ticket', priorities: ['P1'] },
          stop: { state: ['resolved', 'closed'] },
          target: { kind: 'clockDuration', hours: 4 },
          jeopardy: [50],
          penalty: { clause: 'slow-repair' },
        },
      ]),
      penaltyClauses: {
        'late-delivery': { kind: 'perUnitLate', unit: 'workingDay', rate: { amountMinor: 2500, currency: 'GBP' } },
        'slow-repair': { kind: 'perUnitLate', unit: 'startedHour', rate: { amountMinor: 1500, currency: 'GBP' } },
      },
    } as ReturnType<typeof policyDocument>);
  }, 120_000);
  afterAll(() => ts?.stop());

  it('a late delivery and a slow repair give CSV lines with the amounts computed by hand; a waiver zeroes one', async () => {
    await ts.skipTo('2027-03-01T09:00:00.000Z'); // Monday; March is GMT in London until the 28th
    const order = await placeOrder(
      ts.platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100, deskReference: 'DESK-LATE' }),
    );
    await patchOrder(order.id, { state: 'inProgress' });
    // 5 working days from Mon 1 Mar: due Mon 8 Mar at close of business (17:30). Delivered Thu 11 Mar 12:00:
    // Tue, Wed, Thu late = 3 working days x 25.00 GBP = 75.00 GBP.
    await ts.skipTo('2027-03-11T12:00:00.000Z');
    await patchOrder(order.id, { state: 'completed' });
    const delivery = await waitFor(async () => (await outcomesForEntity(ts.platform.db, 'order', order.id))[0], {
      timeoutMs: 20_000,
      what: 'the delivery outcome',
    });
    expect(delivery).toMatchObject({
      state: 'breached',
      dueAt: '2027-03-08T17:30:00.000Z',
      ourReference: 'DESK-LATE',
      currency: 'GBP',
    });

    // A P1 fault restored after 6 h 30 min against 4 h: 2 h 30 min over = 3 started hours x 15.00 GBP = 45.00 GBP.
    const ticket = await raiseTicket(ts.platform, ticketInput(order.id, { deskReference: 'INC-SLOW' }));
    await patchTicket(ticket.id, { status: 'inProgress' });
    await ts.skip(6.5 * HOUR);
    await patchTicket(ticket.id, { status: 'resolved' });
    const repair = await waitFor(async () => (await outcomesForEntity(ts.platform.db, 'ticket', ticket.id))[0], {
      timeoutMs: 20_000,
      what: 'the repair outcome',
    });
    expect(repair).toMatchObject({ state: 'breached', circuitId: order.id, ourReference: 'INC-SLOW' });
    expect(repair.overrunMs).toBe(2.5 * HOUR);

    expect(
      (await ts.platform.request('POST', '/api/v1/reports/penalties/2027-03', { key: ts.platform.keys.desk })).status,
    ).toBe(403);
    const bad = await ts.platform.request('POST', '/api/v1/reports/penalties/2027-13', { key: finance() });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('param.month');
    expect((await ts.platform.request('POST', '/api/v1/reports/penalties/2027-03', { key: finance() })).status).toBe(
      201,
    );

    const csv = await (
      await ts.platform.request('GET', '/api/v1/reports/penalties/2027-03.csv', { key: finance() })
    ).text();
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(
      rows.map((r) => [
        r.our_reference,
        r.entity_type,
        r.ola_id,
        r.unit,
        r.chargeable_units,
        r.amount_after_caps_minor,
        r.currency,
      ]),
    ).toEqual([
      ['DESK-LATE', 'order', 'delivery-5wd', 'workingDay', '3', '7500', 'GBP'],
      ['INC-SLOW', 'ticket', 'restore-p1-4h', 'startedHour', '3', '4500', 'GBP'],
    ]);
    // The readable columns after them: the partner's name, hours of the clock's measure, amounts in pounds. The
    // delivery clock ran from Mon 1 Mar 09:00, 6 business days of 8.5 h to its due instant (51 h), then to Thu 12:00.
    expect(
      rows.map((r) => [r.partner_name, r.hours_measure, r.target_hours, r.actual_hours, r.amount_after_caps]),
    ).toEqual([
      ['Penalty Tails', 'business', '51.00', '71.00', '75.00'],
      ['Penalty Tails', 'clock', '4.00', '6.50', '45.00'],
    ]);
    // UTF-8 with a byte order mark, for spreadsheets (a fetch's text() drops it; the bytes keep it).
    const bytes = new Uint8Array(
      await (
        await ts.platform.request('GET', '/api/v1/reports/penalties/2027-03.csv', { key: finance() })
      ).arrayBuffer(),
    );
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, 11))).toBe('\uFEFFline_id,');
    const again = await (
      await ts.platform.request('GET', `/api/v1/reports/penalties/2027-03.csv?partnerId=${carrier.id}`, {
        key: finance(),
      })
    ).text();
    expect(again).toBe(csv);

    const report = (await (
      await ts.platform.request('GET', '/api/v1/reports/penalties/2027-03', { key: finance() })
    ).json()) as {
      totals: { currency: string; amountAfterCapsMinor: number }[];
      conformance: { olaId: string; met: number; breached: number; percentage: number }[];
      serviceTimes: { ordersCompleted: number; ticketsResolved: number }[];
    };
    expect(report.totals).toEqual([expect.objectContaining({ currency: 'GBP', amountAfterCapsMinor: 12_000 })]);
    expect(report.conformance.map((c) => [c.olaId, c.met, c.breached, c.percentage])).toEqual([
      ['delivery-5wd', 0, 1, 0],
      ['restore-p1-4h', 0, 1, 0],
    ]);
    expect(report.serviceTimes[0]).toMatchObject({ ordersCompleted: 1, ticketsResolved: 1 });

    const early = await ts.platform.request('POST', '/api/v1/reports/penalties/2027-03/finalize', { key: finance() });
    expect(early.status).toBe(422);

    const waive = await ts.platform.request('POST', `/api/v1/breaches/${repair.breachFactId}/waive`, {
      key: finance(),
      json: { reason: 'Site access refused by our customer' },
    });
    expect(waive.status).toBe(201);
    expect((await ts.platform.request('POST', '/api/v1/reports/penalties/2027-03', { key: finance() })).status).toBe(
      201,
    );
    const waived = Papa.parse<Record<string, string>>(
      await (await ts.platform.request('GET', '/api/v1/reports/penalties/2027-03.csv', { key: finance() })).text(),
      { header: true, skipEmptyLines: true },
    ).data;
    expect(waived.map((r) => [r.our_reference, r.amount_after_caps_minor, r.waiver_reason])).toEqual([
      ['DESK-LATE', '7500', ''],
      ['INC-SLOW', '0', 'Site access refused by our customer'],
    ]);
  }, 180_000);
});
