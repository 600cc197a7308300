import type { Db } from '../../db/client.js';
import type { RunningSimulator } from '../../partners/simulator/server.js';
import { CHAOS_OLAS } from './chaos-carriers.js';
import type { DownWindow } from './chaos-processes.js';
import { spread } from './lateness.js';

type Entity = 'order' | 'ticket';
/** What the carrier itself recorded: when it took the order or ticket, and when it reached each state. */
type Truth = { createdAt: number; changes: { state: string; at: number }[] };
const FRACTIONS = [0.5, 0.75, 0.9, 1];
/** A threshold this close to the stop may lose the race to it: neither outcome is a fault. */
const RACE_MS = 2_000;

function carrierRecords(sims: RunningSimulator[]): Map<string, Truth[]> {
  const byExternalId = new Map<string, Truth[]>();
  const add = (externalIds: string[], truth: Truth) => {
    for (const id of externalIds) byExternalId.set(id, [...(byExternalId.get(id) ?? []), truth]);
  };
  for (const sim of sims) {
    for (const o of sim.orders()) {
      const changes = o.stateChanges.map((c) => ({ state: c.state, at: Date.parse(c.date) }));
      add(o.externalIds, { createdAt: Date.parse(o.createdAt), changes });
    }
    for (const t of sim.tickets()) {
      const changes = t.statusChanges.map((c) => ({ state: c.status, at: Date.parse(c.date) }));
      add(t.externalIds, { createdAt: Date.parse(t.createdAt), changes });
    }
  }
  return byExternalId;
}

const firstAt = (changes: { state: string; at: number }[], states: readonly string[]) =>
  Math.min(...changes.filter((c) => states.includes(c.state)).map((c) => c.at));

/**
 * The run's figures, from the carriers' own records (what reached them, when they really met each stop) against
 * Tailgate's database (what it stored, which timers fired, which breaches stand).
 */
export function chaosFigures(opts: {
  db: Db;
  sims: RunningSimulator[];
  accepted: { order: Set<string>; ticket: Set<string> };
  windows: DownWindow[];
  graceMs: number;
  /** When the run stopped waiting for outcomes (epoch ms). */
  endedAt: number;
}) {
  const sql = opts.db.$client;
  const truths = carrierRecords(opts.sims);
  const inWindow = (at: number) => opts.windows.some((w) => at >= w.from && at <= w.to + opts.graceMs);
  const figures = {
    lost: 0,
    /** Not at the carrier yet when the run ended, its submission still being retried (not lost: still on its way). */
    stillSubmitting: 0,
    sentTwice: 0,
    neverFired: 0,
    /** Clocks with no outcome when the run ended: not stopped yet, or not started (the carrier had not taken it). */
    clocksStillRunning: 0,
    wronglyCharged: 0,
    breaches: 0,
    met: 0,
  };
  const stored = {
    order: sql.prepare('select state as s, submission from orders where id = ?'),
    ticket: sql.prepare('select status as s, submission from tickets where id = ?'),
  };
  const receipts = {
    order: sql.prepare(
      "select to_state as state, received_at as at, occurred_at as claimed from order_events where order_id = ? and outcome = 'applied'",
    ),
    ticket: sql.prepare(
      "select to_state as state, received_at as at, occurred_at as claimed from ticket_events where ticket_id = ? and outcome = 'applied'",
    ),
  };
  const outcomes = sql.prepare(
    'select ola_id as ola, state, started_at as startedAt, target_ms as targetMs from clock_outcomes where entity_id = ?',
  );
  const facts = sql.prepare('select ola_id as ola, threshold from sla_facts where entity_id = ?');
  for (const entity of ['order', 'ticket'] as Entity[]) {
    for (const id of opts.accepted[entity]) {
      const record = truths.get(id) ?? [];
      const row = stored[entity].get(id) as { s: string; submission: string } | undefined;
      if (row && record.length === 0 && row.submission === 'submitting') figures.stillSubmitting += 1;
      else if (!row || record.length === 0) figures.lost += 1;
      if (record.length > 1) figures.sentTwice += 1;
      const truth = record[0];
      const events = receipts[entity].all(id) as { state: string | null; at: string; claimed: string }[];
      const received = events.map((e) => ({ state: e.state ?? '', at: Date.parse(e.at) }));
      const claimed = events.map((e) => ({ state: e.state ?? '', at: Date.parse(e.claimed) }));
      const fired = new Set(
        (facts.all(id) as { ola: string; threshold: number }[]).map((f) => `${f.ola}:${f.threshold}`),
      );
      const rows = outcomes.all(id) as { ola: string; state: string; startedAt: string | null; targetMs: number }[];
      for (const ola of CHAOS_OLAS.filter((o) => o.entity === entity)) {
        const outcome = rows.find((r) => r.ola === ola.id);
        // No outcome: one is recorded when the clock stops. A stop Tailgate received that left none never came to
        // its end. Otherwise the clock was still running when the run ended (or never started: the carrier had not
        // taken it, and clocks start when it does), and every threshold due by then must have fired.
        if (!outcome?.startedAt) {
          if (firstAt(received, ola.stop) < opts.endedAt - RACE_MS) {
            figures.neverFired += 1;
            continue;
          }
          figures.clocksStillRunning += 1;
          for (const fraction of FRACTIONS) {
            const at = truth ? truth.createdAt + fraction * ola.minutes * 60_000 : Infinity;
            if (at < opts.endedAt - RACE_MS && !fired.has(`${ola.id}:${Math.round(fraction * 100)}`))
              figures.neverFired += 1;
          }
          continue;
        }
        if (outcome.state === 'breached') figures.breaches += 1;
        else figures.met += 1;
        const startedAt = Date.parse(outcome.startedAt);
        // A threshold is due if the clock was still running then, as Tailgate knew it (the stop's receipt) and as
        // it counts it (the stop's instant, the carrier's claim when believed).
        const stop = Math.min(firstAt(received, ola.stop), firstAt(claimed, ola.stop));
        for (const [k, fraction] of FRACTIONS.entries()) {
          const at = startedAt + fraction * outcome.targetMs;
          const threshold = fraction === 1 ? 100 : [50, 75, 90][k];
          if (at < stop - RACE_MS && !fired.has(`${ola.id}:${threshold}`)) figures.neverFired += 1;
        }
        if (outcome.state === 'breached' && truth) {
          const metAt = firstAt(truth.changes, ola.stop);
          if (metAt - truth.createdAt <= outcome.targetMs) figures.wronglyCharged += 1;
        }
      }
    }
  }
  const lateness: number[] = [];
  // Timers due within the grace after a restart are in its kill window: the first group starts where that ends.
  const bounds = [opts.graceMs, ...SINCE_RESTART];
  const sinceRestart = bounds.map(() => [] as number[]);
  const byLastRestart = new Map<string, number[]>();
  let excluded = 0;
  for (const f of sql.prepare('select at, detected_at as d from sla_facts').all() as { at: string; d: string }[]) {
    const at = Date.parse(f.at);
    if (inWindow(at)) {
      excluded += 1;
      continue;
    }
    const late = Date.parse(f.d) - at;
    lateness.push(late);
    const last = opts.windows
      .filter((w) => w.to <= at)
      .reduce<DownWindow | undefined>((latest, w) => (latest && latest.to >= w.to ? latest : w), undefined);
    const group = bounds.findLastIndex((from) => at - (last?.to ?? -Infinity) >= from);
    sinceRestart[Math.max(group, 0)]!.push(late);
    const restarted = last?.process ?? 'none';
    if (!byLastRestart.has(restarted)) byLastRestart.set(restarted, []);
    byLastRestart.get(restarted)!.push(late);
  }
  return {
    ...figures,
    lateness: { ...spread(lateness), timers: lateness.length, inKillWindows: excluded },
    // The same timers by how long after the last restart of any killed process they were due (the last group also
    // holds those due before the first kill): where the lateness is.
    latenessSinceRestart: Object.fromEntries(
      bounds.map((from, i) => [
        `${from / 1000}s${bounds[i + 1] ? `-${bounds[i + 1]! / 1000}s` : '+'}`,
        { ...spread(sinceRestart[i]!), timers: sinceRestart[i]!.length },
      ]),
    ),
    // The same timers by which process was the last to come back before each was due ('none': due before any did).
    latenessByLastRestart: Object.fromEntries(
      [...byLastRestart].map(([process, late]) => [process, { ...spread(late), timers: late.length }]),
    ),
    inWindow,
  };
}

/** Where the groups the lateness is also given in start, after the grace (ms after a killed process answered again). */
const SINCE_RESTART = [30_000, 60_000, 120_000];
