import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationRow } from '../db/repositories/notifications.js';
import { createNotificationsForFact } from '../tails/notify/fan-out.js';
import { createTestPlatform } from './support/platform.js';
import { insertFact, subscribe } from './support/notifications.js';

const ladder = [
  { level: 1, name: 'Service desk', channel: 'email', address: 'noc@carrier.example' },
  { level: 1, name: 'Service desk hook', channel: 'webhook', address: 'https://carrier.example/hooks/escalation' },
  { level: 2, name: 'Duty manager', channel: 'phone', address: '+441234567890' },
  { level: 3, name: 'Account director', channel: 'email', address: 'director@carrier.example' },
];

const summary = (rows: NotificationRow[]) =>
  rows
    .map(
      (r) => `${r.channel} ${r.destination} ${r.status}${r.escalationLevel === null ? '' : ` L${r.escalationLevel}`}`,
    )
    .sort();

describe('notification fan-out for SLA facts', async () => {
  const platform = await createTestPlatform();
  afterAll(() => platform.close());
  let partnerId = '';
  const subs: Record<string, string> = {};

  beforeAll(async () => {
    partnerId = (await platform.createPartner({ escalation: ladder })).id;
    const otherId = (await platform.createPartner()).id;
    subs.everything = (await subscribe(platform, { kinds: ['jeopardy', 'breach'] })).id;
    subs.ourBreaches = (await subscribe(platform, { kinds: ['breach'], partnerId })).id;
    subs.otherPartner = (await subscribe(platform, { kinds: ['jeopardy', 'breach'], partnerId: otherId })).id;
    subs.carrierWarnings = (await subscribe(platform, { kinds: ['carrierJeopardy'] })).id;
    const disabled = await subscribe(platform, { kinds: ['jeopardy', 'breach', 'carrierJeopardy'] });
    expect((await platform.request('DELETE', `/api/v1/webhooks/${disabled.id}`)).status).toBe(200);
  });

  it('sends an early jeopardy to matching subscriptions and escalation level 1 only', async () => {
    const fact = await insertFact(platform.db, { partnerId, kind: 'jeopardy', threshold: 75 });
    expect(summary(await createNotificationsForFact(platform.db, fact, new Date()))).toEqual([
      'escalation level:1:https://carrier.example/hooks/escalation pending L1',
      'escalation level:1:noc@carrier.example recorded L1',
      `webhook ${subs.everything} pending`,
    ]);
  });

  it('takes a jeopardy at 90% up to level 2, and a breach up every level', async () => {
    const late = await insertFact(platform.db, { partnerId, kind: 'jeopardy', threshold: 90 });
    expect(
      summary(await createNotificationsForFact(platform.db, late, new Date())).filter((s) =>
        s.startsWith('escalation'),
      ),
    ).toEqual([
      'escalation level:1:https://carrier.example/hooks/escalation pending L1',
      'escalation level:1:noc@carrier.example recorded L1',
      'escalation level:2:+441234567890 recorded L2',
    ]);
    const breach = await insertFact(platform.db, { partnerId, kind: 'breach', threshold: 100 });
    expect(summary(await createNotificationsForFact(platform.db, breach, new Date()))).toEqual(
      [
        'escalation level:1:https://carrier.example/hooks/escalation pending L1',
        'escalation level:1:noc@carrier.example recorded L1',
        'escalation level:2:+441234567890 recorded L2',
        'escalation level:3:director@carrier.example recorded L3',
        `webhook ${subs.everything} pending`,
        `webhook ${subs.ourBreaches} pending`,
      ].sort(),
    );
  });

  it("sends a carrier's own jeopardy to its subscribers only, not back up the carrier's ladder", async () => {
    const fact = await insertFact(platform.db, { partnerId, kind: 'carrierJeopardy', threshold: 0 });
    expect(summary(await createNotificationsForFact(platform.db, fact, new Date()))).toEqual([
      `webhook ${subs.carrierWarnings} pending`,
    ]);
  });

  it('is idempotent, and a re-run picks up a subscription created since', async () => {
    const fact = await insertFact(platform.db, { partnerId, kind: 'breach', threshold: 100, olaId: 'order-ack' });
    const first = await createNotificationsForFact(platform.db, fact, new Date());
    const again = await createNotificationsForFact(platform.db, fact, new Date());
    expect(again).toEqual(first);

    const late = await subscribe(platform, { kinds: ['breach'] });
    const third = await createNotificationsForFact(platform.db, fact, new Date());
    expect(third).toHaveLength(first.length + 1);
    expect(third.filter((n) => first.some((f) => f.id === n.id))).toEqual(first);
    expect(third.find((n) => n.subscriptionId === late.id)?.status).toBe('pending');
  });

  it('notifies nobody about a partner without ladder or subscribers other than the all-partner ones', async () => {
    const quiet = await platform.createPartner({ escalation: [] });
    const fact = await insertFact(platform.db, { partnerId: quiet.id, kind: 'jeopardy', threshold: 50 });
    expect(summary(await createNotificationsForFact(platform.db, fact, new Date()))).toEqual([
      `webhook ${subs.everything} pending`,
    ]);
  });
});
