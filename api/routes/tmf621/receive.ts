import { recordTicketUpdate, type RecordedTicketUpdate } from '../../../db/repositories/ticket-events.js';
import { ticketVersion, type TicketRow } from '../../../db/repositories/tickets.js';
import { decideTicketUpdate, type TicketUpdate } from '../../../partners/tickets/apply-update.js';
import type { TicketStatus } from '../../../sla-rules/ticket-states.js';
import type { Deps } from '../../context.js';
import { ApiError } from '../../errors.js';

/**
 * Stores a carrier's update about a ticket once and applies it if valid, then tells the ticket's workflow. A
 * duplicate is acknowledged and re-signals the current status (harmless), so a carrier retrying after a 503 heals a
 * lost signal.
 */
export async function receiveTicketUpdate(
  deps: Deps,
  input: {
    ticket: TicketRow;
    source: string;
    type: string;
    externalEventId: string | null;
    update: TicketUpdate;
    payload: unknown;
  },
): Promise<RecordedTicketUpdate> {
  const result = recordTicketUpdate(
    deps.db,
    {
      ticketId: input.ticket.id,
      source: input.source,
      type: input.type,
      externalEventId: input.externalEventId,
      update: input.update,
      payload: input.payload,
      receivedAt: deps.now().toISOString(),
    },
    decideTicketUpdate,
  );
  try {
    await deps.workflows.ticketChanged(input.ticket.id, {
      status: result.ticket.status as TicketStatus,
      version: ticketVersion(deps.db, input.ticket.id),
    });
  } catch (err) {
    deps.log.error({ err, ticketId: input.ticket.id }, 'stored a ticket update but could not signal its workflow');
    throw new ApiError(
      'unavailable',
      'Update stored; the workflow engine is unavailable. Send it again (it will not be applied twice).',
    );
  }
  return result;
}
