import {
  getTicketByRequestKey,
  ticketTimeline,
  type NewTicketEvent,
  type TicketRow,
} from '../../../db/repositories/tickets.js';
import type { TicketCreate } from '../../../openapi/tickets.js';
import { raiseTicket } from '../../../tails/tickets/raise.js';
import type { Viewer } from '../../../tails/viewer.js';
import type { Deps } from '../../context.js';
import { ApiError } from '../../errors.js';
import type { IdempotentHandlers } from '../../idempotency.js';
import { presentTicketDetail } from './present.js';

/**
 * Raising a ticket as an idempotent request (api/idempotency.ts). A ticket the domain refuses is a validation_failed
 * ApiError naming the fields; nothing is stored and the key is freed.
 */
export const ticketRaising = (deps: Deps, viewer: Viewer, input: TicketCreate): IdempotentHandlers => {
  /** `timeline`: the events the caller just wrote with the ticket; else read. */
  const answer = async (ticket: TicketRow, timeline?: NewTicketEvent[]) => ({
    status: 201 as const,
    body: presentTicketDetail(ticket, timeline ?? (await ticketTimeline(deps.db, ticket.id))),
  });
  return {
    async create(request) {
      const raised = await raiseTicket(deps, viewer, input, request);
      if (!raised.ok) {
        const detail = raised.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
        throw new ApiError('validation_failed', detail, raised.problems);
      }
      return await answer(raised.ticket, raised.timeline);
    },
    async current(requestKey) {
      const ticket = await getTicketByRequestKey(deps.db, requestKey);
      return ticket && (await answer(ticket));
    },
  };
};
