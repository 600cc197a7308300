import type { Logger } from 'pino';
import { canMoveTicket, type TicketStatus } from '../../sla-rules/ticket-states.js';
import type { Notifier } from './notifier.js';
import type { BehaviourProfile } from './profile.js';
import type { Random } from './random.js';
import type { TicketHrefBase } from './render.js';
import type { SimTicket, SimStore } from './store.js';
import { buildTicketEvent, type TicketEventType } from './ticket-events.js';

/** A ticket's fate, drawn once when it is raised so that a seed always gives the same story. */
type RepairPlan = { asksForInformation: boolean; slow: boolean };

/** What a buyer may do to a ticket through PATCH (closing, reopening, cancelling); everything else is the carrier's. */
export const buyerStatuses = ['closed', 'inProgress', 'cancelled'] as const;
export type BuyerStatus = (typeof buyerStatuses)[number];

type Deps = {
  store: SimStore;
  notifier: Notifier;
  profile: () => BehaviourProfile;
  random: () => Random;
  hrefBase: TicketHrefBase;
  log: Logger;
};

/**
 * Drives each ticket through the TMF621 statuses on timers: acknowledged, inProgress, perhaps pending (information
 * required from the buyer), resolved. The buyer then closes or reopens it. Only moves allowed by the shared status
 * machine are made.
 */
export function createTicketLifecycle(deps: Deps) {
  const timers = new Map<string, NodeJS.Timeout>();
  const plans = new Map<string, RepairPlan>();
  const p = () => deps.profile();
  const now = () => new Date();

  function later(ticket: SimTicket, delayMs: number, step: () => void) {
    clearTimeout(timers.get(ticket.id));
    const timer = setTimeout(() => {
      timers.delete(ticket.id);
      step();
    }, delayMs);
    timer.unref();
    timers.set(ticket.id, timer);
  }

  function emit(ticket: SimTicket, type: TicketEventType, fieldPath?: string) {
    deps.notifier.publish(
      'troubleTicket',
      ticket.api,
      buildTicketEvent(type, ticket, deps.hrefBase, now(), fieldPath ? { fieldPath } : {}),
    );
  }

  function note(ticket: SimTicket, text: string) {
    ticket.carrierNotes.push({
      id: String(ticket.carrierNotes.length + 1),
      author: 'Carrier NOC',
      date: now().toISOString(),
      text,
    });
  }

  function moveTo(ticket: SimTicket, to: TicketStatus, reason: string): boolean {
    if (!canMoveTicket(ticket.status, to)) {
      deps.log.error(
        { ticketId: ticket.id, from: ticket.status, to },
        'simulator tried a ticket move the status machine forbids',
      );
      return false;
    }
    const at = now().toISOString();
    ticket.status = to;
    ticket.statusChanges.push({ status: to, date: at, reason });
    ticket.lastUpdate = at;
    emit(ticket, 'TroubleTicketStatusChangeEvent');
    return true;
  }

  const commitResolutionDate = (ticket: SimTicket, fromNowMs: number) => {
    ticket.expectedResolutionDate = new Date(now().getTime() + fromNowMs).toISOString();
    ticket.lastUpdate = now().toISOString();
    emit(ticket, 'TroubleTicketAttributeValueChangeEvent', 'expectedResolutionDate');
  };

  const acknowledge = (ticket: SimTicket, plan: RepairPlan) => {
    emit(ticket, 'TroubleTicketStatusChangeEvent');
    // The commitment covers the normal repair; an overrunning one is only admitted when it overruns.
    commitResolutionDate(ticket, p().ticketProgressDelayMs + p().ticketResolveDelayMs);
    later(ticket, p().ticketProgressDelayMs, () => startRepair(ticket, plan));
  };

  const startRepair = (ticket: SimTicket, plan: RepairPlan) => {
    if (!moveTo(ticket, 'inProgress', 'Engineer assigned')) return;
    repair(ticket, plan);
  };

  const repair = (ticket: SimTicket, plan: RepairPlan) => {
    if (plan.asksForInformation) later(ticket, p().ticketPendingAfterMs, () => askForInformation(ticket, plan));
    else
      later(ticket, p().ticketResolveDelayMs, () => (plan.slow ? overrun(ticket) : resolve(ticket, { onTime: true })));
  };

  const askForInformation = (ticket: SimTicket, plan: RepairPlan) => {
    note(ticket, 'Please confirm site access hours and an on-site contact for the engineer');
    if (!moveTo(ticket, 'pending', 'Information required from the customer')) return;
    emit(ticket, 'TroubleTicketInformationRequiredEvent', 'note');
    // Asked once: after the answer the repair goes on normally (or slowly, as planned).
    plan.asksForInformation = false;
    const resumeAfter = p().ticketResumeAfterPendingMs;
    if (resumeAfter !== null) later(ticket, resumeAfter, () => resume(ticket, 'Information received; repair resumed'));
  };

  /** Back to work after pending or a reopening: the carrier re-plans, so the commitment restarts from now. */
  const resume = (ticket: SimTicket, reason: string) => {
    if (!moveTo(ticket, 'inProgress', reason)) return;
    commitResolutionDate(ticket, p().ticketResolveDelayMs);
    repair(ticket, plans.get(ticket.id) ?? { asksForInformation: false, slow: false });
  };

  const overrun = (ticket: SimTicket) => {
    note(ticket, 'Cable damage found; a civil works team is needed');
    commitResolutionDate(ticket, p().slowRepairExtraMs);
    later(ticket, p().slowRepairExtraMs, () => resolve(ticket, { onTime: false }));
  };

  const resolve = (ticket: SimTicket, { onTime }: { onTime: boolean }) => {
    const previous = ticket.resolutionDate;
    // Timers fire late on a busy machine; that must not turn a repair planned as on time into a late one.
    const committed = Date.parse(ticket.expectedResolutionDate ?? '');
    const at = now().getTime(); // read once: two reads may straddle a millisecond and land after the commitment
    ticket.resolutionDate = new Date(onTime && committed < at ? committed : at).toISOString();
    if (!moveTo(ticket, 'resolved', 'Fault cleared; service restored')) {
      ticket.resolutionDate = previous;
      return;
    }
    emit(ticket, 'TroubleTicketResolvedEvent');
    const timeout = p().ticketConfirmationTimeoutMs;
    if (timeout !== null)
      later(ticket, timeout, () => moveTo(ticket, 'closed', 'Resolution not confirmed by the buyer in time'));
  };

  return {
    start(ticket: SimTicket) {
      const plan: RepairPlan = {
        asksForInformation: deps.random().chance(p().ticketPendingProbability),
        slow: deps.random().chance(p().slowRepairProbability),
      };
      plans.set(ticket.id, plan);
      later(ticket, p().ticketAckDelayMs, () => acknowledge(ticket, plan));
    },

    /** Moving to inProgress is the carrier's own step, except to reopen a resolved ticket or answer a pending one. */
    canApply: (ticket: SimTicket, to: BuyerStatus) =>
      to === 'inProgress'
        ? ['resolved', 'pending', 'inProgress'].includes(ticket.status)
        : canMoveTicket(ticket.status, to),

    /**
     * A buyer-side change, already checked with canApply. Closing and cancelling stop the carrier's timers; moving
     * back to inProgress reopens a resolved ticket (a fresh repair, which goes normally) or answers a pending one.
     */
    apply(ticket: SimTicket, to: BuyerStatus, reason: string | undefined) {
      if (ticket.status === to) return;
      if (to !== 'inProgress') {
        clearTimeout(timers.get(ticket.id));
        moveTo(ticket, to, reason ?? (to === 'closed' ? 'Closed by the customer' : 'Cancelled by the customer'));
        return;
      }
      const reopening = ticket.status === 'resolved';
      if (reopening) {
        ticket.resolutionDate = undefined;
        plans.set(ticket.id, { asksForInformation: false, slow: false });
      }
      resume(ticket, reason ?? (reopening ? 'Reopened by the customer' : 'Information supplied by the customer'));
      const change = ticket.statusChanges.at(-1);
      if (reopening && change?.status === 'inProgress') change.mefStatus = 'reopened';
    },

    plan: (ticketId: string) => plans.get(ticketId),

    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
export type TicketLifecycle = ReturnType<typeof createTicketLifecycle>;
