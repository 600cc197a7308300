import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids.js';
import { insertTicketWithEvent, appendTicketEvent } from '../db/repositories/tickets.js';
import { leakageForecast } from '../reports/leakage-forecast.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { measuredHistory } from './support/measured-history.js';
import { createTestPlatform } from './support/platform.js';
import { storeOrder } from './support/factories.js';

const HOUR = 3_600_000;
const platform = await createTestPlatform();
afterAll(() => platform.close());

/**
 * The leakage forecast for tickets, on a stored history: an open P1 fault three hours into its 4-hour restore OLA,
 * its chance from the partner's earlier restore clocks and its clause's price at the late ones' median, worked by hand.
 */
describe('revenue leakage forecast: open tickets', () => {
  it("expects (1 - P(restored in time)) x the clause's price, beside what is owed", async () => {
    const partner = await platform.createPartner({ name: 'Faulty Tails' });
    const base = policyDocument([
      {
        id: 'restore-4h',
        metric: 'faultRestoration',
        appliesTo: { entity: 'ticket' },
        stop: { state: ['resolved', 'closed'] },
        target: { kind: 'clockDuration', hours: 4 },
        penalty: { clause: 'slow-repair' },
      },
    ]);
    const policy = await givePolicy(platform.db, partner.id, {
      ...base,
      penaltyClauses: {
        ...base.penaltyClauses,
        'slow-repair': { kind: 'perUnitLate', unit: 'startedHour', rate: { amountMinor: 1500, currency: 'GBP' } },
      },
    });
    const history = measuredHistory(platform.db);
    const orderId = await storeOrder(platform.db, { partnerId: partner.id, createdAt: '2026-06-01T09:00:00.000Z' });
    // Earlier restore clocks took these shares of their 4 h target.
    for (const share of [0.5, 0.5, 0.5, 0.5, 0.8, 0.8, 0.8, 0.8, 0.9, 0.9, 0.9, 0.9, 1.25, 1.25, 1.5, 1.5, 2, 2]) {
      await history.outcome({
        partnerId: partner.id,
        entityType: 'ticket',
        entityId: await history.ticket(partner.id, orderId, '2026-09-01T09:00:00.000Z'),
        metric: 'faultRestoration',
        state: share <= 1 ? 'met' : 'breached',
        finalAt: '2026-09-20T12:00:00.000Z',
        targetMs: 4 * HOUR,
        elapsedMs: share * 4 * HOUR,
      });
    }

    // The open fault: accepted by the carrier at 09:00, three hours ago at 12:00: 0.75 of its target used.
    const ticketId = newId('tkt');
    const at = (iso: string) => ({ occurredAt: iso, receivedAt: iso });
    await insertTicketWithEvent(
      platform.db,
      {
        id: ticketId,
        orderId,
        partnerId: partner.id,
        deskReference: 'INC-OPEN',
        severity: 'critical',
        priority: 1,
        impact: 'Site down',
        description: 'No light',
        contact: { name: 'A', email: 'a@example.com' },
        status: 'inProgress',
        submission: 'submitted',
        policyId: policy.id,
        workflowStartedAt: '2026-10-15T09:00:00.000Z',
        createdBy: 'test',
        createdAt: '2026-10-15T09:00:00.000Z',
        updatedAt: '2026-10-15T09:10:00.000Z',
      },
      {
        id: newId('tev'),
        ticketId,
        partnerId: partner.id,
        source: 'desk',
        type: 'ticketRaised',
        toState: 'acknowledged',
        outcome: 'applied',
        ...at('2026-10-15T09:00:00.000Z'),
      },
    );
    await appendTicketEvent(platform.db, {
      id: newId('tev'),
      ticketId,
      partnerId: partner.id,
      source: 'listener',
      externalEventId: 'evt-1',
      type: 'troubleTicketStatusChangeEvent',
      toState: 'inProgress',
      outcome: 'applied',
      ...at('2026-10-15T09:00:00.000Z'),
    });

    const forecast = await leakageForecast(platform.db, {
      month: '2026-10',
      timeZone: 'Europe/London',
      now: new Date('2026-10-15T12:00:00.000Z'),
    });
    // 14 earlier clocks took longer than 0.75: 8 within the target (P = 0.5714); the 6 late ones a median 1.5, so
    // restored at 15:00, 2 h late: 2 started hours x 15.00 GBP = 30.00 GBP; expected 0.4286 x 3000 = 1286.
    expect(forecast.ticketLines).toEqual([
      {
        ticketId,
        partnerId: partner.id,
        olaId: 'restore-4h',
        dueAt: '2026-10-15T13:00:00.000Z',
        onTimeProbability: 0.5714,
        expectedRestoreAt: '2026-10-15T15:00:00.000Z',
        ifLate: { amountMinor: 3000, currency: 'GBP' },
        expected: { amountMinor: 1286, currency: 'GBP' },
      },
    ]);
    expect(forecast.ticketsNotForecast).toBe(0);
    expect(forecast.partners).toEqual([
      {
        partnerId: partner.id,
        partnerName: 'Faulty Tails',
        owed: [],
        expected: [{ amountMinor: 1286, currency: 'GBP' }],
      },
    ]);
  });
});
