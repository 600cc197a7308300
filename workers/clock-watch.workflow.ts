// Workflow code (runs in the Temporal sandbox): imports only @temporalio/workflow, sla-rules, config and activity
// types.
import { condition, getExternalWorkflowHandle, ParentClosePolicy, patched, startChild } from '@temporalio/workflow';
// The modules themselves, not the sla-rules barrel: the bundle instantiates every module it holds once per cached
// workflow, and the barrel also brings the penalty clause schemas (zod), which no workflow needs.
import { computeClocks } from '../sla-rules/clocks.js';
import { explainClock } from '../sla-rules/explain.js';
import { toMs } from '../sla-rules/instants.js';
import { nextWakeUp, slaFacts } from '../sla-rules/wake-up.js';
import type { SlaEvent } from '../sla-rules/types.js';
import { finalOutcomes, outcomeSignature } from '../sla-rules/final-outcomes.js';
import type { DueFact, SlaContext } from './activities.js';
import { deliveryWorkflowId, notificationWorkflowId } from './config.js';
import { deliveryWorkflow, moreToDeliverSignal, type DeliveryDestinationInput } from './delivery.workflow.js';
import { notificationWorkflow } from './notification.workflow.js';
import type { OwnSteps } from './submission.workflow.js';

export type WatchedEntity = {
  /** Increases whenever the entity's events change (the newest event's sequence number). */
  version(): number;
  /** The entity reached a final state: evaluate once more and stop. */
  finished(): boolean;
  reloadEvents(): Promise<SlaEvent[]>;
};

/** Histories from before per-destination delivery: one child workflow per notification, each start awaited. */
async function deliverEach(notificationIds: string[]): Promise<void> {
  for (const id of notificationIds) {
    try {
      await startChild(notificationWorkflow, {
        workflowId: notificationWorkflowId(id),
        args: [id],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (err) {
      // Already started by an earlier attempt of this evaluation: that delivery is under way.
      if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
    }
  }
}

/**
 * Histories from before the record step woke the queues: starts or wakes each destination's delivery workflow without
 * waiting for it (the start, or for one already running the signal, goes out with the evaluation's timer).
 */
function startOrSignalDeliveries(destinations: DeliveryDestinationInput[]): void {
  for (const d of destinations) {
    const workflowId = deliveryWorkflowId(d);
    startChild(deliveryWorkflow, { workflowId, args: [d], parentClosePolicy: ParentClosePolicy.ABANDON }).catch(
      (err: unknown) => {
        if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') return;
        getExternalWorkflowHandle(workflowId)
          .signal(moreToDeliverSignal)
          .catch(() => undefined);
      },
    );
  }
}

/** Clocks that wait on nothing but their own records (histories from before replay the awaited starts). */
const OFF_THE_CLOCK_PATCH = 'deliveries-off-the-clock';
/**
 * The step that records the facts also wakes their delivery queues, through the worker's client: the clock's workflow
 * then starts no child and signals nothing, which cost it two more workflow tasks per fact. Histories from before
 * replay the starts and signals.
 */
const WAKE_IN_RECORD_PATCH = 'deliveries-woken-by-record';

/**
 * Owns an entity's OLA clocks: computes them from the policy and events (pure sla-rules, in the workflow), records
 * each jeopardy threshold and breach once at its instant, and sleeps until the next one, waking early when the
 * entity's events change (a pause, a resume, a new committed date). It records through `sla`, the entity workflow's
 * own steps.
 */
export async function watchClocks(context: SlaContext, sla: OwnSteps, entity: WatchedEntity): Promise<void> {
  const recorded = new Set<string>();
  const finals = new Map<string, string>();
  let seen = entity.version();
  for (;;) {
    if (entity.version() > seen) {
      seen = entity.version();
      context.events = await entity.reloadEvents();
    }
    const now = Date.now();
    const clocks = computeClocks({ ...context, now });
    const due: DueFact[] = slaFacts(clocks)
      .filter((f) => !recorded.has(f.key) && toMs(f.at) <= now)
      .map((f) => {
        const clock = clocks.find((c) => c.olaId === f.olaId)!;
        return {
          clock: { olaId: clock.olaId, metric: clock.metric, policyVersion: clock.policyVersion, dueAt: clock.dueAt },
          kind: f.kind,
          threshold: f.kind === 'jeopardy' ? f.threshold : 100,
          at: f.at,
          explanation: explainClock(clock),
        };
      });
    if (due.length > 0) {
      const facts = { ...context.owner, facts: due, detectedAt: new Date(now).toISOString() };
      if (patched(WAKE_IN_RECORD_PATCH)) await sla.recordSlaFactsAndWake(facts);
      else if (patched(OFF_THE_CLOCK_PATCH)) startOrSignalDeliveries(await sla.recordSlaFactsToDeliver(facts));
      else await deliverEach(await sla.recordSlaFacts(facts));
      for (const f of slaFacts(clocks)) if (toMs(f.at) <= now) recorded.add(f.key);
    }
    const done = entity.finished() && entity.version() === seen;
    await recordOutcomes(sla, context, finals, finalOutcomes(clocks, done, now));
    if (done) return;
    const wake = nextWakeUp(clocks, now);
    const changed = () => entity.version() > seen || entity.finished();
    if (wake === null) await condition(changed);
    else await condition(changed, Math.max(1, toMs(wake) - now));
  }
}

/**
 * Records each clock's final outcome once, and again whenever it changes (a late event, a reopened fault). Histories
 * from before outcomes were recorded replay without the activity (patched); a workflow still running then records
 * its outcomes from its next evaluation on.
 */
async function recordOutcomes(
  sla: OwnSteps,
  context: SlaContext,
  finals: Map<string, string>,
  outcomes: ReturnType<typeof finalOutcomes>,
): Promise<void> {
  const changed = outcomes.filter((o) => finals.get(o.olaId) !== outcomeSignature(o));
  if (changed.length === 0 || !patched('clock-outcomes')) return;
  await sla.recordClockOutcomes({ ...context.owner, outcomes: changed });
  for (const o of changed) finals.set(o.olaId, outcomeSignature(o));
}
