import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { listenerPath, type SimEvent } from './events.js';
import type { BehaviourProfile } from './profile.js';
import type { Random } from './random.js';
import type { OrderChannel, SimHub, SimStore, TmfApiName } from './store.js';

/** One delivery attempt, kept so tests and the demo can see what the carrier sent and what it got back. */
export type DeliveryAttempt = {
  hubId: string;
  url: string;
  eventId: string;
  eventType: string;
  /** The product order or trouble ticket the event is about. */
  resourceId: string;
  attempt: number;
  status: number | 'error';
  at: string;
};

type Deps = {
  store: SimStore;
  profile: () => BehaviourProfile;
  random: () => Random;
  /** Authorization header value sent to every hub callback. */
  listenerAuth?: string | undefined;
  log: Logger;
};

/**
 * `query` as TMF630 hubs use it, e.g. `eventType=ProductOrderStateChangeEvent,ProductOrderAttributeValueChangeEvent`.
 */
function wantsEvent(hub: SimHub, event: SimEvent): boolean {
  const match = /(?:^|[?&])eventType=([^&]*)/.exec(hub.query ?? '');
  return !match || decodeURIComponent(match[1]!).split(',').includes(event.eventType);
}

/**
 * Delivers events to registered hubs. Each hub has one queue, so events leave in the order they happened unless
 * the profile deliberately holds one back (out-of-order) or sends one twice (duplicate, same eventId).
 */
export function createNotifier(deps: Deps) {
  const queues = new Map<string, Promise<void>>();
  const heldBack = new Map<string, { event: SimEvent; timer: NodeJS.Timeout }>();
  const attempts: DeliveryAttempt[] = [];
  const stop = new AbortController();

  function enqueue(hub: SimHub, event: SimEvent) {
    const previous = queues.get(hub.id) ?? Promise.resolve();
    queues.set(
      hub.id,
      previous
        .then(() => deliver(hub, event))
        .catch((err: unknown) => deps.log.error({ err }, 'notification queue failed')),
    );
  }

  function send(hub: SimHub, event: SimEvent) {
    const copies = deps.random().chance(deps.profile().duplicateNotifications) ? 2 : 1;
    for (let i = 0; i < copies; i++) enqueue(hub, event);
  }

  function route(hub: SimHub, event: SimEvent) {
    const key = `${hub.id}\u0000${event.resourceId}`;
    const held = heldBack.get(key);
    if (held) {
      clearTimeout(held.timer);
      heldBack.delete(key);
      send(hub, event);
      send(hub, held.event);
      return;
    }
    if (!event.final && deps.random().chance(deps.profile().outOfOrderNotifications)) {
      // Released behind the resource's next event, or after a while if none comes (an order parked in held).
      const timer = setTimeout(() => {
        heldBack.delete(key);
        send(hub, event);
      }, deps.profile().outOfOrderMaxHoldMs);
      heldBack.set(key, { event, timer });
      return;
    }
    send(hub, event);
  }

  async function deliver(hub: SimHub, event: SimEvent) {
    const url = `${hub.callback.replace(/\/+$/, '')}/${listenerPath(event.eventType)}`;
    const { notificationRetries, notificationBackoffMs, notificationTimeoutMs } = deps.profile();
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (deps.listenerAuth) headers.authorization = deps.listenerAuth;
    for (let attempt = 1; attempt <= notificationRetries + 1; attempt++) {
      // A hub unregistered meanwhile gets nothing more, as at a real carrier.
      if (stop.signal.aborted || !deps.store.hubs.has(hub.id)) return;
      let status: number | 'error' = 'error';
      try {
        const signal = AbortSignal.any([stop.signal, AbortSignal.timeout(notificationTimeoutMs)]);
        const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(event.body), signal });
        await response.arrayBuffer();
        status = response.status;
      } catch (err) {
        deps.log.debug({ err, url }, 'notification attempt failed');
      }
      attempts.push({
        hubId: hub.id,
        url,
        eventId: event.eventId,
        eventType: event.eventType,
        resourceId: event.resourceId,
        attempt,
        status,
        at: new Date().toISOString(),
      });
      if (typeof status === 'number' && status >= 200 && status < 300) return;
      if (attempt <= notificationRetries) {
        await sleep(notificationBackoffMs * 2 ** (attempt - 1), undefined, { signal: stop.signal }).catch(
          () => undefined,
        );
      }
    }
    deps.log.warn({ url, eventId: event.eventId, eventType: event.eventType }, 'notification given up after retries');
  }

  return {
    /** Sends an event to every hub registered on the resource's API and version that asked for its type. */
    publish(apiName: TmfApiName, api: OrderChannel, event: SimEvent) {
      for (const hub of deps.store.hubsFor(apiName, api)) if (wantsEvent(hub, event)) route(hub, event);
    },
    attempts: () => [...attempts],
    async close() {
      stop.abort();
      for (const { timer } of heldBack.values()) clearTimeout(timer);
      heldBack.clear();
      await Promise.allSettled(queues.values());
    },
  };
}
export type Notifier = ReturnType<typeof createNotifier>;
