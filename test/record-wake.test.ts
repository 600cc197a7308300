import { Client, Connection } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { notificationsForFact } from '../db/repositories/notifications.js';
import { factsForEntity } from '../db/repositories/sla-facts.js';
import { newId } from '../db/ids.js';
import { createSlaActivities } from '../workers/sla-activities.js';
import { withoutCarriers } from './support/no-carriers.js';
import { subscribe } from './support/notifications.js';
import { testOutbound } from './support/outbound.js';
import { createTestPlatform } from './support/platform.js';

/**
 * The step that records a clock's facts wakes their delivery queues through the worker's client, and a wake that
 * cannot get through never fails the step: the clock goes on, and the notification stays queued for the reconciler.
 */
describe('recording a clock fact with Temporal out of reach', async () => {
  const platform = await createTestPlatform();
  afterAll(() => platform.close());

  it('records the breach and queues its webhook, and names the queue it could not wake', async () => {
    const partnerId = (await platform.createPartner()).id;
    const webhook = await subscribe(platform, { kinds: ['breach'], partnerId });
    // Nothing listens on port 9: every call this client makes fails.
    const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:9' }) });
    const activities = createSlaActivities({
      db: platform.db,
      log: pino({ level: 'silent' }),
      now: () => new Date('2026-03-02T15:00:01.000Z'),
      outbound: testOutbound,
      ...withoutCarriers,
    });
    const entityId = newId('ord');
    const input: Parameters<typeof activities.recordSlaFactsAndWake>[0] = {
      entityType: 'order',
      entityId,
      partnerId,
      detectedAt: '2026-03-02T15:00:00.000Z',
      facts: [
        {
          clock: { olaId: 'delivery-4h', metric: 'deliveryLeadTime', policyVersion: 1, dueAt: '2026-03-02T15:00:00Z' },
          kind: 'breach',
          threshold: 100,
          at: '2026-03-02T15:00:00.000Z',
        },
      ],
    };
    const woken = await new MockActivityEnvironment({ taskQueue: 'tailgate' }, { client }).run(
      activities.recordSlaFactsAndWake,
      input,
    );

    expect(woken).toEqual([{ channel: 'webhook', destination: webhook.id }]);
    const facts = await factsForEntity(platform.db, 'order', entityId);
    expect(facts.map((f) => `${f.kind}:${f.threshold}`)).toEqual(['breach:100']);
    const queued = await notificationsForFact(platform.db, facts[0]!.id);
    // The e-mail contact is kept in the outbox (no SMTP here): only the webhook has a queue to wake.
    expect(queued.map((n) => `${n.channel}:${n.destination}:${n.status}`).sort()).toEqual([
      'escalation:level:1:noc@carrier.example:recorded',
      `webhook:${webhook.id}:pending`,
    ]);
  });
});
