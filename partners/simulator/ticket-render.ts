import type { TicketHrefBase } from './render.js';
import type { SimTicket } from './store.js';

/**
 * TroubleTicket JSON the simulated carrier answers and notifies with, in each version's shape (v5: `@type` on every
 * Extensible).
 */

const optional = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });

/** The latest status change says why the ticket is where it is (TroubleTicket statusChangeDate/statusChangeReason). */
function latestChange(ticket: SimTicket) {
  return ticket.statusChanges.at(-1) ?? { status: ticket.status, date: ticket.createdAt, reason: undefined };
}

export function renderTroubleTicket(ticket: SimTicket, hrefBase: TicketHrefBase): Record<string, unknown> {
  const requestNotes = Array.isArray(ticket.request.note) ? (ticket.request.note as unknown[]) : [];
  const latest = latestChange(ticket);
  const common = {
    ...ticket.request,
    id: ticket.id,
    href: `${hrefBase(ticket.api)}/troubleTicket/${ticket.id}`,
    status: ticket.status,
    creationDate: ticket.createdAt,
    lastUpdate: ticket.lastUpdate,
    statusChangeDate: latest.date,
    ...optional('statusChangeReason', latest.reason),
    ...optional('expectedResolutionDate', ticket.expectedResolutionDate),
    ...optional('resolutionDate', ticket.resolutionDate),
  };
  if (ticket.api === 'v4') {
    return {
      ...common,
      note: [...requestNotes, ...ticket.carrierNotes],
      statusChange: ticket.statusChanges.map((c) => ({
        status: c.status,
        changeDate: c.date,
        ...optional('changeReason', c.reason),
      })),
      '@type': 'TroubleTicket',
    };
  }
  return {
    ...common,
    '@type': 'TroubleTicket',
    note: [...requestNotes, ...ticket.carrierNotes.map((n) => ({ '@type': 'Note', ...n }))],
    statusChangeHistory: ticket.statusChanges.map((c) => ({
      '@type': 'StatusChange',
      status: c.status,
      statusChangeDate: c.date,
      ...optional('statusChangeReason', c.reason),
    })),
  };
}
