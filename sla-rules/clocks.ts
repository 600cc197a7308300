import { calendarDays } from './calendar-days.js';
import { replay, type ClockRun } from './clock-run.js';
import { toIso, toMs } from './instants.js';
import { BusinessMeasure, wallClock } from './measure.js';
import { receivedUpTo } from './received-events.js';
import { selectOlas } from './select.js';
import type { PlanContext } from './target-plan.js';
import { pausedTime, runningTime } from './timeline.js';
import type { Clock, ClockState, Instant, Ola, Policy, ResolvedCalendar, SlaEntity, SlaEvent } from './types.js';

export type ClockInput = {
  /** The policy version the entity is measured under (see selectPolicyVersion). */
  policy: Policy;
  /** The policy's calendars with holidays expanded (resolvePolicyCalendars, outside the workflow). */
  calendars: Readonly<Record<string, ResolvedCalendar>>;
  entity: SlaEntity;
  /** The entity's events in receipt order; those received after `now` are ignored. */
  events: readonly SlaEvent[];
  now: Instant;
};

/** Every clock of one order or ticket at `now`: one per OLA that applies (first match per metric). */
export function computeClocks(input: ClockInput): Clock[] {
  const now = toMs(input.now);
  const received = receivedUpTo(input.events, now);
  return selectOlas(input.policy, input.entity).map((ola) => {
    const ctx = contextFor(ola, input);
    return clockView(replay(ola, ctx, received), input.policy, now);
  });
}

function contextFor(ola: Ola, input: ClockInput): PlanContext {
  if (ola.target.kind === 'clockDuration') return { measure: wallClock, days: null, entity: input.entity };
  const name = ola.calendar;
  const calendar = name === undefined ? undefined : input.calendars[name];
  if (!calendar) throw new Error(`OLA ${ola.id}: calendar ${name ?? '(none)'} is not among the resolved calendars`);
  const days = calendarDays(calendar);
  return { measure: new BusinessMeasure(days), days, entity: input.entity };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function clockView(run: ClockRun, policy: Policy, now: number): Clock {
  const { ola, ctx } = run;
  const base = {
    olaId: ola.id,
    metric: ola.metric,
    policyId: policy.id,
    policyVersion: policy.version,
    measure: ctx.measure.kind,
    calendar: ctx.days ? ctx.days.name : '24x7',
    target: ola.target,
    committedDate: run.committed,
    endedBy: run.endedBy,
    stoppedAt: run.endedAt === null ? null : toIso(run.endedAt),
    penalty: ola.penalty ? { clause: ola.penalty.clause } : null,
    notes: [...run.notes],
  };
  const start = run.startedAt;
  if (start === null) {
    const state: ClockState = run.endedBy === null ? 'notStarted' : 'cancelled';
    const jeopardy = ola.jeopardy.map((threshold) => ({ threshold, at: null, reached: false }));
    return { ...base, state, targetMs: null, startedAt: null, dueAt: null, breachedAt: null, elapsedMs: 0, remainingMs: 0, overrunMs: 0, pausedMs: 0, percentage: 0, pauses: [], jeopardy };
  }
  const until = run.endedAt ?? now;
  const intervals = run.intervals(until);
  const elapsedMs = runningTime(ctx.measure, start, intervals, until);
  const pausedMs = pausedTime(ctx.measure, intervals, until);
  const instants = run.instants(until);
  const target = run.plan?.amount ?? null;
  const due = instants?.due ?? null;
  const state = clockState(run, due, now);
  const jeopardy = ola.jeopardy.map((threshold, k) => {
    const at = instants?.jeopardy[k];
    if (at === undefined || (run.endedAt !== null && at >= run.endedAt)) return { threshold, at: null, reached: false };
    return { threshold, at: toIso(at), reached: at <= now };
  });
  const percentage = target === null ? 0 : target > 0 ? (elapsedMs / target) * 100 : due !== null && until >= due ? 100 : 0;
  if (ctx.days && due !== null) {
    const { from, to } = ctx.days.holidayYears;
    const year = ctx.days.yearOf(ctx.days.localDayOf(Math.max(due, until)));
    if (year > to || ctx.days.yearOf(ctx.days.localDayOf(start)) < from) {
      base.notes.push(`public holidays are known for ${from}-${to} only; later dates count as open`);
    }
  }
  return {
    ...base,
    state,
    targetMs: target,
    startedAt: toIso(start),
    dueAt: due === null ? null : toIso(due),
    breachedAt: state === 'breached' && due !== null ? toIso(due) : null,
    elapsedMs,
    remainingMs: target === null ? 0 : Math.max(0, target - elapsedMs),
    overrunMs: target === null || state !== 'breached' ? 0 : Math.max(0, elapsedMs - target),
    pausedMs,
    percentage: round2(percentage),
    pauses: run.pauses.map((p) => ({
      from: toIso(p.from),
      ...(p.to === null ? {} : { to: toIso(p.to) }),
      claimedAt: toIso(p.claimedAt),
      ...(p.claimedTo === null ? {} : { claimedTo: toIso(p.claimedTo) }),
      reason: p.reason,
    })),
    jeopardy,
  };
}

/** A stop or cancel strictly before the due instant counts; at or after it, the breach stands. */
function clockState(run: ClockRun, due: number | null, now: number): ClockState {
  if (run.endedAt !== null) {
    if (due !== null && run.endedAt >= due) return 'breached';
    return run.endedBy === 'cancel' ? 'cancelled' : 'met';
  }
  if (due !== null && now >= due) return 'breached';
  return run.phase === 'paused' ? 'paused' : 'running';
}
