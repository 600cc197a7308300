import { toIso } from './instants.js';
import { matchesAny, stateMatchesAny, type ReceivedEvent } from './received-events.js';
import { planTarget, type PlanContext, type TargetPlan } from './target-plan.js';
import { reachAll, type Interval } from './timeline.js';
import type { ClockStop, Ola, SlaEvent } from './types.js';

export type PauseRecord = {
  from: number;
  to: number | null;
  claimedAt: number;
  claimedTo: number | null;
  reason: string;
};
/** 'waitingCommit': the start condition was met but a committedDate target has no date yet (transient otherwise). */
type Phase = 'idle' | 'waitingCommit' | 'running' | 'paused' | 'ended';

/**
 * One OLA's clock replayed over an entity's events: start, pauses, end and the committed date it runs against.
 * Everything happens at receipt (`ReceivedEvent.at`); claimed times are kept for display only.
 */
export type StopRecord = Omit<ClockStop, 'at' | 'receivedAt' | 'claimedAt'> & {
  at: number;
  receivedAt: number;
  claimedAt: number;
};

export class ClockRun {
  phase: Phase = 'idle';
  startedAt: number | null = null;
  startedBy: string | null = null;
  stop: StopRecord | null = null;
  endedAt: number | null = null;
  endedBy: 'stop' | 'cancel' | null = null;
  readonly pauses: PauseRecord[] = [];
  committed: string | null = null;
  plan: TargetPlan | null = null;
  /** Jeopardy instants already reached when a re-commit re-based the target: facts do not move. */
  readonly latched = new Map<number, number>();
  /**
   * Nothing a target implies happens before the target was known: the start, or the receipt of the committed date
   * in force. A committed date already in the past is due on receipt, not retroactively.
   */
  private knownSince = -Infinity;
  /** The due instant of a clock that was already breached when it was reopened: a breach never moves. */
  private breachedDue: number | null = null;
  readonly notes: string[] = [];
  private state: string | undefined;
  /** When this clock last changed (started, paused, resumed, re-committed): a stop never goes before it. */
  private changedAt = -Infinity;

  constructor(
    readonly ola: Ola,
    readonly ctx: PlanContext,
  ) {}

  /** Pauses as intervals, an open one projected to end at `asOf` (the earliest it could end). */
  intervals(asOf: number): Interval[] {
    return this.pauses.map((p) => ({ from: p.from, to: p.to ?? Math.max(p.from, asOf) }));
  }

  /** Due and jeopardy instants given the pauses so far, an open pause resuming at `asOf`. */
  instants(asOf: number): { due: number; jeopardy: number[] } | null {
    const plan = this.plan;
    if (!plan || this.startedAt === null) return null;
    if (plan.fixedDue !== undefined) {
      const due = Math.max(plan.fixedDue, this.knownSince);
      return { due, jeopardy: this.ola.jeopardy.map((t) => this.latched.get(t) ?? due) };
    }
    const intervals = this.intervals(asOf);
    const floor = outsidePauses(this.knownSince, intervals);
    const amounts = this.ola.jeopardy.map((t) => Math.round((plan.amount * t) / 100));
    amounts.push(plan.amount);
    const reached = reachAll(this.ctx.measure, this.startedAt, intervals, amounts, plan.landing);
    const reachedDue = Math.max(reached.pop()!, floor);
    const due = this.breachedDue ?? reachedDue;
    return { due, jeopardy: reached.map((at, k) => this.latched.get(this.ola.jeopardy[k]!) ?? Math.max(at, floor)) };
  }

  step(r: ReceivedEvent): void {
    const e = r.event;
    if (e.type === 'state' && e.state !== undefined) this.state = e.state;
    const ola = this.ola;
    switch (this.phase) {
      case 'ended':
        if (this.endedBy === 'stop' && matchesAny(ola.reopen, e)) this.reopen(r);
        break;
      case 'idle':
      case 'waitingCommit':
        if (matchesAny(ola.cancel, e)) this.end(r.at, 'cancel', null);
        else if (this.phase === 'waitingCommit' && matchesAny(ola.stop, e)) {
          this.notes.push(`stopped at ${toIso(r.at)} before any committed date; not measured`);
          this.end(r.at, 'cancel', null);
        } else {
          if (
            e.committedDate !== undefined &&
            (this.committed === null || ola.target.kind !== 'committedDate' || ola.target.use === 'latest')
          ) {
            this.committed = e.committedDate;
          }
          if (this.phase === 'idle' && matchesAny(ola.start, e)) {
            this.phase = 'waitingCommit';
            this.startedBy = describe(e);
          }
          if (this.phase === 'waitingCommit' && (this.committed !== null || ola.target.kind !== 'committedDate'))
            this.begin(r.at);
        }
        break;
      default:
        if (matchesAny(ola.cancel, e)) this.end(r.at, 'cancel', r.claimed);
        else if (matchesAny(ola.stop, e)) {
          this.stop = this.stopInstant(r);
          this.end(this.stop.at, 'stop', r.claimed);
        } else if (matchesAny(ola.restart ?? [], e)) this.restart(r);
        else {
          if (e.committedDate !== undefined && ola.target.kind === 'committedDate')
            this.recommit(e.committedDate, r.at);
          if (this.phase === 'running' && matchesAny(ola.pause, e))
            this.pause(r, e.type === 'state' ? (e.state ?? e.type) : (e.milestone ?? e.type));
          else if (this.phase === 'paused' && this.resumes(r)) this.resume(r);
        }
    }
  }

  private begin(at: number): void {
    this.startedAt = at;
    this.knownSince = at;
    this.changedAt = at;
    this.phase = 'running';
    this.plan = planTarget(this.ola.target, this.ctx, at, this.committed);
    if (!this.plan && this.ola.target.kind === 'leadTime')
      this.notes.push('the entity has no lead time; no due instant');
    if (stateMatchesAny(this.ola.pause, this.state)) {
      this.pauses.push({ from: at, to: null, claimedAt: at, claimedTo: null, reason: this.state! });
      this.phase = 'paused';
    }
  }

  /**
   * 'claimed' stops honour the sender's time, bounded so that neither side gains from the other's delays: never
   * before the clock started or last changed (a pause, a resume, a new committed date; news of something else, such
   * as a note or a repeat, arriving first does not bound it), never after receipt, and at most the OLA's tolerance
   * plus the delay Tailgate knows was its own (downtime, polling) before receipt. A claim Tailgate cannot believe (in
   * the future, before the entity existed) is not used at all.
   */
  private stopInstant(r: ReceivedEvent): StopRecord {
    const ownDelayMs = Math.max(0, r.event.ownDelayMs ?? 0);
    // Policies recorded in workflow histories before claimTolerance existed have none (and count receipts anyway).
    const recorded = this.ola.claimTolerance as Ola['claimTolerance'] | undefined;
    const { minutes, seconds } = recorded ?? { minutes: 0, seconds: 0 };
    const allowedMs = Math.round(minutes * 60_000 + seconds * 1000) + ownDelayMs;
    const base = { receivedAt: r.at, claimedAt: r.claimed, allowedMs, ownDelayMs };
    if (this.ola.stopTime === 'received') return { ...base, at: r.at, basis: 'received' };
    if (r.event.claimNote !== undefined) return { ...base, at: r.at, basis: 'untrusted', note: r.event.claimNote };
    if (r.claimed >= r.at) return { ...base, at: r.at, basis: 'received' };
    const earliest = Math.max(this.changedAt, r.at - allowedMs);
    if (r.claimed >= earliest) return { ...base, at: r.claimed, basis: 'claimed' };
    return { ...base, at: Math.min(r.at, earliest), basis: 'bounded' };
  }

  private end(at: number, by: 'stop' | 'cancel', claimed: number | null): void {
    const open = this.pauses[this.pauses.length - 1];
    if (this.phase === 'paused' && open) {
      open.to = Math.max(open.from, at);
      open.claimedTo = claimed;
    }
    this.endedAt = at;
    this.endedBy = by;
    this.phase = 'ended';
  }

  /**
   * A reopened fault was not fixed after all: the clock goes on from where it stopped, and the time it spent stopped
   * counts like a pause (the carrier is not charged for the buyer's time to notice, nor let off the time left).
   */
  private reopen(r: ReceivedEvent): void {
    const stoppedAt = this.endedAt!;
    this.stop = null;
    const before = this.instants(stoppedAt);
    if (before && stoppedAt >= before.due) this.breachedDue = before.due;
    this.pauses.push({ from: stoppedAt, to: r.at, claimedAt: stoppedAt, claimedTo: r.claimed, reason: 'reopened' });
    this.endedAt = null;
    this.endedBy = null;
    this.phase = 'running';
  }

  /**
   * The buyer changed what it asked for and the policy restarts this clock on that: it runs again from the change,
   * its earlier time and pauses no longer counted. Jeopardy instants already reached stay (facts do not move), and a
   * clock already past due keeps its breach.
   */
  private restart(r: ReceivedEvent): void {
    const before = this.instants(r.at);
    if (before && r.at >= before.due) {
      this.notes.push(`${describe(r.event)} received ${toIso(r.at)}, after the due instant: not restarted`);
      return;
    }
    before?.jeopardy.forEach((instant, k) => {
      const threshold = this.ola.jeopardy[k]!;
      if (instant <= r.at && !this.latched.has(threshold)) this.latched.set(threshold, instant);
    });
    this.notes.push(`restarted at ${toIso(r.at)} by ${describe(r.event)} (first started ${toIso(this.startedAt!)})`);
    this.pauses.length = 0;
    this.begin(r.at);
  }

  private pause(r: ReceivedEvent, reason: string): void {
    const now = this.instants(r.at);
    if (now && r.at >= now.due) {
      this.notes.push(`${reason} received ${toIso(r.at)}, after the due instant: no pause`);
      return;
    }
    this.pauses.push({ from: r.at, to: null, claimedAt: r.claimed, claimedTo: null, reason });
    this.phase = 'paused';
    this.changedAt = r.at;
  }

  private resumes(r: ReceivedEvent): boolean {
    if (this.ola.resume.length > 0) return matchesAny(this.ola.resume, r.event);
    return r.event.type === 'state' && !matchesAny(this.ola.pause, r.event);
  }

  private resume(r: ReceivedEvent): void {
    const open = this.pauses[this.pauses.length - 1]!;
    open.to = r.at;
    open.claimedTo = r.claimed;
    this.phase = 'running';
    this.changedAt = r.at;
  }

  /** A new committed date moves this clock only, and only while it is not yet due: no re-committing out of a breach. */
  private recommit(value: string, at: number): void {
    if (value === this.committed) return;
    const target = this.ola.target;
    if (target.kind === 'committedDate' && target.use === 'first') {
      this.notes.push(
        `committed date changed to ${value} at ${toIso(at)}; measured against the first, ${this.committed}`,
      );
      return;
    }
    const before = this.instants(at);
    if (before && at >= before.due) {
      this.notes.push(`committed date ${value} received ${toIso(at)}, after the due instant: not applied`);
      return;
    }
    before?.jeopardy.forEach((instant, k) => {
      const threshold = this.ola.jeopardy[k]!;
      if (instant <= at && !this.latched.has(threshold)) this.latched.set(threshold, instant);
    });
    this.committed = value;
    this.knownSince = at;
    this.changedAt = at;
    this.plan = planTarget(target, this.ctx, this.startedAt!, value);
  }
}

/** What an event that starts a clock is, for its explanation: `state inProgress`, `milestone siteReady`, ... */
function describe(e: SlaEvent): string {
  if (e.type === 'state' && e.state !== undefined) return `state ${e.state}`;
  if (e.type === 'milestone' && e.milestone !== undefined) return `milestone ${e.milestone}`;
  return e.type;
}

/**
 * The first instant at or after `at` outside every pause. A target learned while the clock waits on the buyer (a
 * committed date already past, received during a pause) falls due when the clock resumes, not while it is paused.
 */
function outsidePauses(at: number, pauses: readonly Interval[]): number {
  let instant = at;
  for (const p of pauses) if (instant >= p.from && instant < p.to) instant = p.to;
  return instant;
}

export function replay(ola: Ola, ctx: PlanContext, received: readonly ReceivedEvent[]): ClockRun {
  const run = new ClockRun(ola, ctx);
  for (const r of received) {
    if (run.phase === 'ended' && (run.endedBy === 'cancel' || ola.reopen.length === 0)) break;
    run.step(r);
  }
  return run;
}
