import type { Logger } from 'pino';
import { canMove, isFinalOrderState, type OrderState } from '../../sla-rules/order-states.js';
import { buildEvent, buildSonataEvent, type SimEventType } from './events.js';
import type { Notifier } from './notifier.js';
import type { BehaviourProfile } from './profile.js';
import type { Random } from './random.js';
import type { HrefBase } from './render.js';
import type { SimCancellation, SimOrder, SimStore } from './store.js';

type Outcome = keyof BehaviourProfile['outcomeWeights'];
type Plan = { outcome: Outcome; late: boolean; missedMilestone: boolean };

type Deps = {
  store: SimStore;
  notifier: Notifier;
  profile: () => BehaviourProfile;
  random: () => Random;
  hrefBase: HrefBase;
  log: Logger;
};

const dayMs = 86_400_000;
const startOfUtcDay = (ms: number) => new Date(Math.floor(ms / dayMs) * dayMs);

/** The simulated commitment: the requested date, unless sooner than the carrier's lead time allows. */
function committedDate(order: SimOrder, now: Date, leadTimeDays: number): string {
  const earliest = startOfUtcDay(now.getTime() + leadTimeDays * dayMs).getTime();
  // TMF has the requested date on the order; Sonata on each item, the latest the one that matters.
  const items = Array.isArray(order.request.productOrderItem)
    ? (order.request.productOrderItem as Record<string, unknown>[])
    : [];
  const dates = [order.request.requestedCompletionDate, ...items.map((i) => i.requestedCompletionDate)];
  const requested = Math.max(...dates.map((d) => Date.parse(String(d ?? ''))).filter((ms) => !Number.isNaN(ms)));
  return new Date(Math.max(requested, earliest)).toISOString();
}

/**
 * Drives each order through the TMF622 states on timers, choosing its fate (outcome, lateness) once from the
 * seeded outcome stream when it is created. Only moves allowed by the shared state machine are made.
 */
export function createLifecycle(deps: Deps) {
  const timers = new Map<string, NodeJS.Timeout>();
  const plans = new Map<string, Plan>();
  const p = () => deps.profile();
  const now = () => new Date();

  function later(order: SimOrder, delayMs: number, step: () => void) {
    clearTimeout(timers.get(order.id));
    const timer = setTimeout(() => {
      timers.delete(order.id);
      step();
    }, delayMs);
    timer.unref();
    timers.set(order.id, timer);
  }

  function emit(order: SimOrder, type: SimEventType, fieldPath?: string) {
    const event =
      order.api === 'sonata'
        ? buildSonataEvent(type, order, deps.hrefBase, now())
        : buildEvent(type, order, deps.hrefBase, now(), fieldPath ? { fieldPath } : {});
    if (event) deps.notifier.publish('productOrderingManagement', order.api, event);
  }

  function moveTo(order: SimOrder, to: OrderState) {
    if (!canMove(order.state, to)) {
      deps.log.error({ orderId: order.id, from: order.state, to }, 'simulator tried a move the state machine forbids');
      return;
    }
    order.state = to;
    order.stateChanges.push({ state: to, date: now().toISOString() });
    emit(order, 'ProductOrderStateChangeEvent');
  }

  function note(order: SimOrder, text: string) {
    order.carrierNotes.push({
      id: String(order.carrierNotes.length + 1),
      author: 'Carrier NOC',
      date: now().toISOString(),
      text,
    });
  }

  function fail(order: SimOrder, to: 'failed' | 'rejected', reason: string, message: string) {
    note(order, `${reason}: ${message}`);
    order.errorMessage = {
      code: to === 'rejected' ? 'ORDER_REJECTED' : 'DELIVERY_FAILED',
      reason,
      message,
      timestamp: now().toISOString(),
    };
    moveTo(order, to);
  }

  const acknowledge = (order: SimOrder, plan: Plan) => {
    emit(order, 'ProductOrderStateChangeEvent');
    if (plan.outcome === 'rejected')
      later(order, p().commitDelayMs, () =>
        fail(order, 'rejected', 'Address not serviceable', 'No network within reach of the site'),
      );
    else later(order, p().commitDelayMs, () => commit(order, plan));
  };

  const commit = (order: SimOrder, plan: Plan) => {
    order.expectedCompletionDate = committedDate(order, now(), p().leadTimeDays);
    emit(order, 'ProductOrderAttributeValueChangeEvent', 'expectedCompletionDate');
    if (plan.missedMilestone) {
      // v5 only (a milestone event); the order itself carries on, as a real one would after a rebooked survey.
      const message = 'Site survey missed: no access to the building on the agreed date';
      order.milestones.push({
        id: String(order.milestones.length + 1),
        name: 'siteSurvey',
        milestoneDate: now().toISOString(),
        message,
        status: 'Violated',
      });
      emit(order, 'ProductOrderMilestoneEvent');
    }
    later(order, p().progressDelayMs, () => startWork(order, plan));
  };

  const startWork = (order: SimOrder, plan: Plan) => {
    moveTo(order, 'inProgress');
    order.milestones.push({
      id: String(order.milestones.length + 1),
      name: 'workStarted',
      milestoneDate: now().toISOString(),
      message: 'Provisioning started',
    });
    emit(order, 'ProductOrderMilestoneEvent');
    if (plan.late) {
      const message = `Civil works needed; completion expected after ${order.expectedCompletionDate ?? 'the committed date'}`;
      order.jeopardyAlerts.push({
        id: String(order.jeopardyAlerts.length + 1),
        alertDate: now().toISOString(),
        name: 'deliveryAtRisk',
        jeopardyType: 'delay',
        message,
      });
      note(order, message);
      emit(order, 'ProductOrderJeopardyAlertEvent');
      // v4 has no jeopardy event; the note travels in an attribute change instead.
      if (order.api === 'v4') emit(order, 'ProductOrderAttributeValueChangeEvent', 'note');
    }
    later(order, p().completeDelayMs, () => finish(order, plan));
  };

  const finish = (order: SimOrder, plan: Plan) => {
    switch (plan.outcome) {
      case 'failed':
        return fail(order, 'failed', 'Wayleave refused', 'The landlord refused access for the installation');
      case 'held':
        note(order, 'On hold: awaiting site access from the customer');
        moveTo(order, 'held');
        return resumeLater(order, plan);
      case 'pending':
        note(order, 'Pending: site contact unreachable; please confirm access arrangements');
        moveTo(order, 'pending');
        emit(order, 'ProductOrderInformationRequiredEvent', 'note');
        return resumeLater(order, plan);
      default: {
        const committed = Date.parse(order.expectedCompletionDate ?? '');
        // Simulated lateness: the completion date lands after the commitment while real time stays short.
        order.completionDate =
          plan.late && !Number.isNaN(committed)
            ? new Date(committed + p().lateByDays * dayMs).toISOString()
            : now().toISOString();
        return moveTo(order, 'completed');
      }
    }
  };

  const resumeLater = (order: SimOrder, plan: Plan) => {
    const resumeAfter = p().resumeAfterHoldMs;
    if (resumeAfter === null) return;
    later(order, resumeAfter, () => {
      moveTo(order, 'inProgress');
      later(order, p().completeDelayMs, () => finish(order, { ...plan, outcome: 'completed' }));
    });
  };

  return {
    start(order: SimOrder) {
      const plan: Plan = {
        outcome: deps.random().pick(p().outcomeWeights),
        late: deps.random().chance(p().lateDeliveryProbability),
        // chance(0) draws nothing, so profiles without missed milestones keep every other order's fate.
        missedMilestone: deps.random().chance(p().missedMilestoneProbability),
      };
      plans.set(order.id, plan);
      later(order, p().ackDelayMs, () => acknowledge(order, plan));
    },

    canCancel: (order: SimOrder) => canMove(order.state, 'assessingCancellation'),

    /** Stops the order's own progress and walks it to cancelled; the first step happens at once. */
    cancel(order: SimOrder, cancellation: SimCancellation) {
      clearTimeout(timers.get(order.id));
      order.cancellationReason = cancellation.cancellationReason;
      cancellation.state = 'inProgress';
      moveTo(order, 'assessingCancellation');
      later(order, p().cancelStepDelayMs, () => {
        moveTo(order, 'pendingCancellation');
        later(order, p().cancelStepDelayMs, () => {
          order.cancellationDate = now().toISOString();
          moveTo(order, 'cancelled');
          cancellation.state = 'done';
          cancellation.effectiveCancellationDate = order.cancellationDate;
        });
      });
    },

    plan: (orderId: string) => plans.get(orderId),

    /** Whether the buyer may still change the order (not in a final state, not being cancelled). */
    canAmend: (order: SimOrder) => !isFinalOrderState(order.state) && !order.state.includes('ancellation'),

    /**
     * A buyer's amendment, already merged into the order's request: a new requested date is committed afresh (the
     * same rule as the first commitment), announced as an attribute change.
     */
    amended(order: SimOrder, changed: { requestedCompletionDate: boolean }) {
      if (!changed.requestedCompletionDate || order.expectedCompletionDate === undefined) return;
      order.expectedCompletionDate = committedDate(order, now(), p().leadTimeDays);
      emit(order, 'ProductOrderAttributeValueChangeEvent', 'expectedCompletionDate');
    },

    /** The buyer answered an order waiting on it (pending or held): work resumes, then completes. */
    answered(order: SimOrder) {
      if (order.state !== 'pending' && order.state !== 'held') return;
      clearTimeout(timers.get(order.id));
      moveTo(order, 'inProgress');
      later(order, p().completeDelayMs, () => finish(order, { ...plans.get(order.id)!, outcome: 'completed' }));
    },

    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
export type Lifecycle = ReturnType<typeof createLifecycle>;
