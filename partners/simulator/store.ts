import { randomBytes } from 'node:crypto';
import type { OrderState } from '../orders/states.js';

export type ApiVersion = 'v4' | 'v5';

/** A note the carrier added (ours to render; the buyer's own notes stay in `request`). */
export type CarrierNote = { id: string; author: string; date: string; text: string };

/**
 * One order as the simulated carrier holds it. An order belongs to the API version it was created through: it
 * is listed, rendered and notified in that version only, as if each version were a separate channel.
 */
export type SimOrder = {
  id: string;
  api: ApiVersion;
  /** The create body as received; rendering adds the carrier-owned fields on top. */
  request: Record<string, unknown>;
  externalIds: string[];
  state: OrderState;
  stateHistory: OrderState[];
  createdAt: string;
  expectedCompletionDate?: string;
  completionDate?: string;
  cancellationDate?: string;
  cancellationReason?: string;
  carrierNotes: CarrierNote[];
  errorMessage?: { code: string; reason: string; message: string; timestamp: string };
  jeopardyAlerts: Array<{ id: string; alertDate: string; name: string; jeopardyType: string; message: string }>;
  milestones: Array<{ id: string; name: string; milestoneDate: string; message: string }>;
};

export type SimCancellation = {
  id: string;
  api: ApiVersion;
  productOrderId: string;
  cancellationReason?: string;
  createdAt: string;
  state: 'acknowledged' | 'inProgress' | 'done';
  effectiveCancellationDate?: string;
};

export type SimHub = { id: string; api: ApiVersion; callback: string; query?: string };

/** In-memory state of one simulator instance. Ids carry a per-instance tag so a restarted simulator never reuses one. */
export function createStore() {
  const instanceTag = randomBytes(3).toString('hex');
  let seq = 0;
  const nextId = (prefix: string) => `${prefix}-${instanceTag}-${++seq}`;
  const orders = new Map<string, SimOrder>();
  const cancellations = new Map<string, SimCancellation>();
  const hubs = new Map<string, SimHub>();

  return {
    nextId,
    orders,
    cancellations,
    hubs,

    addOrder(api: ApiVersion, request: Record<string, unknown>, externalIds: string[], now: Date): SimOrder {
      const order: SimOrder = {
        id: nextId('PO'),
        api,
        request,
        externalIds,
        state: 'acknowledged',
        stateHistory: ['acknowledged'],
        createdAt: now.toISOString(),
        carrierNotes: [],
        jeopardyAlerts: [],
        milestones: [],
      };
      orders.set(order.id, order);
      return order;
    },

    findOrder: (api: ApiVersion, id: string) => {
      const order = orders.get(id);
      return order?.api === api ? order : undefined;
    },

    listOrders: (api: ApiVersion, filter: { externalId?: string | undefined; state?: string | undefined }) =>
      [...orders.values()].filter(
        (o) => o.api === api && (!filter.externalId || o.externalIds.includes(filter.externalId)) && (!filter.state || o.state === filter.state),
      ),

    hubsFor: (api: ApiVersion) => [...hubs.values()].filter((h) => h.api === api),
  };
}
export type SimStore = ReturnType<typeof createStore>;
