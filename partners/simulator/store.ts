import { randomBytes } from 'node:crypto';
import type { TicketStatus } from '../../sla-rules/ticket-states.js';
import type { OrderState } from '../../sla-rules/order-states.js';

export type ApiVersion = 'v4' | 'v5';
/** How an order came in: TMF622 v4 or v5, or MEF LSO Sonata Product Ordering (v10). */
export type OrderChannel = ApiVersion | 'sonata';
/** How a ticket came in: TMF621 v4 or v5, or MEF LSO Sonata Trouble Ticket (v4). */
export type TicketChannel = ApiVersion | 'sonata';
/** The TMF APIs the simulator speaks, by the path segment each is mounted at under /tmf-api. */
export type TmfApiName = 'productOrderingManagement' | 'troubleTicket';

/** A note the carrier added (ours to render; the buyer's own notes stay in `request`). */
export type CarrierNote = { id: string; author: string; date: string; text: string };

/**
 * One order as the simulated carrier holds it. An order belongs to the API version it was created through: it
 * is listed, rendered and notified in that version only, as if each version were a separate channel.
 */
export type SimOrder = {
  id: string;
  api: OrderChannel;
  /** The create body as received; rendering adds the carrier-owned fields on top. */
  request: Record<string, unknown>;
  externalIds: string[];
  state: OrderState;
  /** Every state it passed through, with when the carrier moved it there (what its notifications claim). */
  stateChanges: Array<{ state: OrderState; date: string }>;
  createdAt: string;
  expectedCompletionDate?: string;
  completionDate?: string;
  cancellationDate?: string;
  cancellationReason?: string;
  carrierNotes: CarrierNote[];
  errorMessage?: { code: string; reason: string; message: string; timestamp: string };
  jeopardyAlerts: Array<{ id: string; alertDate: string; name: string; jeopardyType: string; message: string }>;
  /** TMF622 v5 Milestone; `status` (Yet-To-Reach, Completed, Violated) is rendered as Completed when absent. */
  milestones: Array<{
    id: string;
    name: string;
    milestoneDate: string;
    message: string;
    status?: 'Yet-To-Reach' | 'Completed' | 'Violated';
  }>;
};

/** A ProductOrderJeopardyAlertEvent the buyer sent to the carrier's listener (v5), kept once per eventId. */
export type SimReceivedAlert = {
  eventId: string;
  api: ApiVersion;
  /** The carrier's order the alert is about. */
  productOrderId: string;
  receivedAt: string;
  alerts: Array<{
    id?: string;
    name?: string;
    alertDate?: string;
    jeopardyType?: string;
    exception?: string;
    message?: string;
  }>;
  /** The event as received. */
  body: Record<string, unknown>;
};

export type SimCancellation = {
  id: string;
  api: OrderChannel;
  productOrderId: string;
  cancellationReason?: string;
  createdAt: string;
  state: 'acknowledged' | 'inProgress' | 'done';
  effectiveCancellationDate?: string;
};

/**
 * One trouble ticket as the simulated carrier holds it; like an order, it belongs to the API version it was
 * created through. Every status it passed through is kept with its date and reason (TMF621 statusChange).
 */
export type SimTicket = {
  id: string;
  api: TicketChannel;
  /** The create body as received, plus any notes the buyer patched in; rendering adds the carrier-owned fields. */
  request: Record<string, unknown>;
  externalIds: string[];
  status: TicketStatus;
  /** `mefStatus`: MEF's own name for the move where TMF621 has none (`reopened`). */
  statusChanges: Array<{ status: TicketStatus; date: string; reason?: string; mefStatus?: 'reopened' }>;
  createdAt: string;
  lastUpdate: string;
  expectedResolutionDate?: string;
  resolutionDate?: string;
  carrierNotes: CarrierNote[];
};

/** A hub is registered on one API and version, and hears only about that API's resources in that version. */
export type SimHub = { id: string; apiName: TmfApiName; api: OrderChannel; callback: string; query?: string };

/**
 * In-memory state of one simulator instance. Ids carry a per-instance tag so a restarted simulator never reuses one.
 */
export function createStore() {
  const instanceTag = randomBytes(3).toString('hex');
  let seq = 0;
  const nextId = (prefix: string) => `${prefix}-${instanceTag}-${++seq}`;
  const orders = new Map<string, SimOrder>();
  const cancellations = new Map<string, SimCancellation>();
  const tickets = new Map<string, SimTicket>();
  const hubs = new Map<string, SimHub>();
  const receivedAlerts = new Map<string, SimReceivedAlert>();
  /** Addresses it validated (MEF GeographicAddress), by the id it gave each. */
  const addresses = new Map<string, Record<string, unknown>>();

  return {
    nextId,
    orders,
    cancellations,
    tickets,
    hubs,
    receivedAlerts,
    addresses,

    addOrder(api: OrderChannel, request: Record<string, unknown>, externalIds: string[], now: Date): SimOrder {
      const order: SimOrder = {
        id: nextId('PO'),
        api,
        request,
        externalIds,
        state: 'acknowledged',
        stateChanges: [{ state: 'acknowledged', date: now.toISOString() }],
        createdAt: now.toISOString(),
        carrierNotes: [],
        jeopardyAlerts: [],
        milestones: [],
      };
      orders.set(order.id, order);
      return order;
    },

    findOrder: (api: OrderChannel, id: string) => {
      const order = orders.get(id);
      return order?.api === api ? order : undefined;
    },

    listOrders: (api: OrderChannel, filter: { externalId?: string | undefined; state?: string | undefined }) =>
      [...orders.values()].filter(
        (o) =>
          o.api === api &&
          (!filter.externalId || o.externalIds.includes(filter.externalId)) &&
          (!filter.state || o.state === filter.state),
      ),

    addTicket(api: TicketChannel, request: Record<string, unknown>, externalIds: string[], now: Date): SimTicket {
      const at = now.toISOString();
      const ticket: SimTicket = {
        id: nextId('TT'),
        api,
        request,
        externalIds,
        status: 'acknowledged',
        statusChanges: [{ status: 'acknowledged', date: at, reason: 'Ticket received' }],
        createdAt: at,
        lastUpdate: at,
        carrierNotes: [],
      };
      tickets.set(ticket.id, ticket);
      return ticket;
    },

    findTicket: (api: TicketChannel, id: string) => {
      const ticket = tickets.get(id);
      return ticket?.api === api ? ticket : undefined;
    },

    listTickets: (api: TicketChannel, filter: { externalId?: string | undefined; status?: string | undefined }) =>
      [...tickets.values()].filter(
        (t) =>
          t.api === api &&
          (!filter.externalId || t.externalIds.includes(filter.externalId)) &&
          (!filter.status || t.status === filter.status),
      ),

    hubsFor: (apiName: TmfApiName, api: OrderChannel) =>
      [...hubs.values()].filter((h) => h.apiName === apiName && h.api === api),
  };
}
export type SimStore = ReturnType<typeof createStore>;
