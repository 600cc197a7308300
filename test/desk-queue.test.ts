import { afterAll, describe, expect, it } from 'vitest';
import { openManualTask } from '../db/repositories/manual-tasks.js';
import { storeOrder } from './support/factories.js';
import { createTestPlatform } from './support/platform.js';

const MINUTE = 60_000;
let clock = Date.parse('2026-10-05T09:00:00.000Z');
const platform = await createTestPlatform({ now: () => new Date(clock) });
afterAll(() => platform.close());

type Task = {
  id: string;
  kind: string;
  status: string;
  deskReference: string;
  partnerName: string;
  ageMs: number;
  dueAt: string;
  overdue: boolean;
  claimedBy: string | null;
  resolvedBy: string | null;
  note: string | null;
  reason: string;
};
const queue = async (status = 'open', key = platform.keys.desk) => {
  const res = await platform.request('GET', `/api/v1/manual-tasks?status=${status}`, { key });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Task[] }).items;
};
const act = (id: string, action: 'claim' | 'resolve', key: string, json?: unknown) =>
  platform.request('POST', `/api/v1/manual-tasks/${id}/${action}`, { key, ...(json === undefined ? {} : { json }) });

/**
 * The desk's queue over HTTP and on the dashboard: tasks a workflow opened and a carrier update Tailgate refused,
 * oldest first with their age against the desk's own OLA (4 hours by default), claimed, resolved with a note, and
 * refused to other roles and to a second claimer.
 */
describe("the desk's queue", () => {
  let carrier: { id: string; key: string };
  let orderId = '';
  let unreachable = '';

  it('lists what workflows and refused carrier updates hand to a person, oldest first, with their age', async () => {
    carrier = await platform.createPartner({ name: 'Queue Tails' });
    orderId = await storeOrder(platform.db, {
      partnerId: carrier.id,
      createdAt: '2026-10-05T08:00:00.000Z',
      deskReference: 'DESK-Q1',
    });
    unreachable = (
      await openManualTask(platform.db, {
        orderId,
        kind: 'partner_unreachable',
        reason: 'no answer after 5 attempts',
        now: new Date('2026-10-05T08:30:00.000Z'),
      })
    ).id;
    // The carrier says the order is cancelled while it is in progress (not a TMF622 move), then, sent earlier but
    // arriving later, that it went pending: the refusal becomes a task, and the platform closes it once it applies.
    const notify = (eventId: string, eventTime: string, state: string) =>
      platform.request('POST', '/tmf-api/productOrderingManagement/v4/listener/productOrderStateChangeEvent', {
        key: carrier.key,
        json: {
          eventId,
          eventTime,
          eventType: 'ProductOrderStateChangeEvent',
          event: { productOrder: { id: 'C-1', externalId: orderId, state } },
        },
      });
    await notify('evt-cancelled', '2026-10-05T08:50:00.000Z', 'cancelled');
    clock += 10 * MINUTE;
    expect((await queue()).map((t) => [t.kind, t.deskReference, t.partnerName])).toEqual([
      ['partner_unreachable', 'DESK-Q1', 'Queue Tails'],
      ['event_refused', 'DESK-Q1', 'Queue Tails'],
    ]);
    const [first, refused] = await queue();
    expect(first).toMatchObject({ ageMs: 40 * MINUTE, dueAt: '2026-10-05T12:30:00.000Z', overdue: false });
    expect(refused!.reason).toMatch(/^listener productOrderStateChangeEvent refused: .*inProgress.*cancelled/);

    await notify('evt-pending', '2026-10-05T08:45:00.000Z', 'pending');
    expect((await queue()).map((t) => t.kind)).toEqual(['partner_unreachable']);
    const [closed] = await queue('closed');
    expect(closed).toMatchObject({
      kind: 'event_refused',
      resolvedBy: null,
      note: 'applied once the earlier update arrived',
    });

    for (const key of [platform.keys.finance, carrier.key])
      expect((await platform.request('GET', '/api/v1/manual-tasks', { key })).status).toBe(403);
    clock = Date.parse('2026-10-05T13:00:00.000Z');
    expect((await queue())[0]).toMatchObject({ id: unreachable, ageMs: 270 * MINUTE, overdue: true });
  });

  it('is claimed and resolved with a note by one person; others and closed tasks get 409', async () => {
    const claimed = await act(unreachable, 'claim', platform.keys.desk);
    expect(claimed.status).toBe(200);
    const task = (await claimed.json()) as Task & { claimedBy: string };
    expect(task.claimedBy).toMatch(/^key_/);
    expect((await act(unreachable, 'claim', platform.keys.desk)).status).toBe(200);
    expect((await act(unreachable, 'claim', platform.keys.admin)).status).toBe(409);
    expect((await act(unreachable, 'resolve', platform.keys.admin, { note: 'mine now' })).status).toBe(409);
    const empty = await act(unreachable, 'resolve', platform.keys.desk, { note: ' ' });
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('note');
    expect((await act(unreachable, 'resolve', platform.keys.finance, { note: 'x' })).status).toBe(403);
    expect((await act('tsk_nope', 'claim', platform.keys.desk)).status).toBe(404);

    const resolved = await act(unreachable, 'resolve', platform.keys.desk, { note: 'Called their NOC; re-sent' });
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({
      status: 'closed',
      note: 'Called their NOC; re-sent',
      resolvedBy: task.claimedBy,
    });
    expect((await act(unreachable, 'resolve', platform.keys.desk, { note: 'again' })).status).toBe(409);
    expect(await queue()).toEqual([]);
    expect((await queue('closed')).map((t) => [t.id, t.note])).toEqual([
      [unreachable, 'Called their NOC; re-sent'],
      [expect.any(String), 'applied once the earlier update arrived'],
    ]);
  });

  it('works on the dashboard: the desk claims and resolves from the queue page, same-origin posts only', async () => {
    clock += MINUTE;
    const id = (
      await openManualTask(platform.db, {
        orderId,
        kind: 'partner_unreachable',
        reason: 'still silent',
        now: new Date(clock),
      })
    ).id;
    const cookie = await platform.sessionCookie(platform.keys.desk);
    const page = await (await platform.app.request('/tasks', { headers: { cookie } })).text();
    expect(page).toContain('still silent');
    expect(page).toContain(`action="/tasks/${id}/claim"`);
    const post = (path: string, body: Record<string, string>, origin?: string) =>
      platform.app.request(path, {
        method: 'POST',
        body: new URLSearchParams(body).toString(),
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
      });
    expect((await post(`/tasks/${id}/claim`, {})).status).toBe(403);
    expect((await post(`/tasks/${id}/claim`, {}, 'http://localhost')).status).toBe(303);
    expect((await post(`/tasks/${id}/resolve`, { note: '' }, 'http://localhost')).status).toBe(422);
    expect(
      (await post(`/tasks/${id}/resolve`, { note: 'Escalated to their account manager' }, 'http://localhost')).status,
    ).toBe(303);
    expect((await queue('closed'))[0]).toMatchObject({ id, note: 'Escalated to their account manager' });
    const finance = await platform.sessionCookie(platform.keys.finance);
    expect((await platform.app.request('/tasks', { headers: { cookie: finance } })).status).toBe(403);
  });
});
