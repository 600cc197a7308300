import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolvePolicyCalendars } from '../../sla-rules/holidays.js';
import { computeClocks, type ClockInput } from '../../sla-rules/index.js';
import { parsePolicy } from '../../sla-rules/parse-policy.js';
import type { SlaEvent } from '../../sla-rules/types.js';
import { seededRandom } from './random.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const template = fileURLToPath(new URL('../../sla-rules/templates/uk-ethernet-carrier.yaml', import.meta.url));

/**
 * Order contexts as a workflow evaluates them: the UK carrier template (4 order OLAs: business-hours acknowledgement,
 * 5-working-day firm commit, lead time, committed date; UK calendar with bank holidays), 10 events each (placed,
 * acknowledged, committed date, in progress, a buyer pause and its end, a re-commit, a hold and its end, one more
 * re-commit), placed at seeded instants across 2026, evaluated at a seeded instant after the last event.
 */
export function orderContexts(count: number): ClockInput[] {
  const policy = parsePolicy(fs.readFileSync(template, 'utf8'), 'yaml', 'uk-ethernet-carrier.yaml');
  const calendars = resolvePolicyCalendars(policy, 2026, 2028);
  const random = seededRandom(11);
  const iso = (ms: number) => new Date(ms).toISOString();
  const contexts: ClockInput[] = [];
  for (let i = 0; i < count; i += 1) {
    let t = Date.parse('2026-01-05T08:00:00Z') + random.int(300) * DAY + random.int(10 * HOUR);
    const step = (maxHours: number) => (t += HOUR + random.int(maxHours * HOUR));
    const commit = () => iso(t + (20 + random.int(40)) * DAY).slice(0, 10);
    const items: Omit<SlaEvent, 'seq' | 'occurredAt' | 'receivedAt'>[] = [
      { type: 'created' },
      { type: 'state', state: 'acknowledged' },
      { type: 'committedDate', committedDate: commit() },
      { type: 'state', state: 'inProgress' },
      { type: 'state', state: 'pending' },
      { type: 'state', state: 'inProgress' },
      { type: 'committedDate', committedDate: commit() },
      { type: 'state', state: 'held' },
      { type: 'state', state: 'inProgress' },
      { type: 'committedDate', committedDate: commit() },
    ];
    const events = items.map((item, seq) => {
      const at = iso(seq === 0 ? t : step(seq < 4 ? 30 : 200));
      return { ...item, seq, occurredAt: at, receivedAt: at, source: 'bench' };
    });
    contexts.push({
      policy,
      calendars,
      entity: { kind: 'order', product: 'ETH-100', leadTimeDays: 30 },
      events,
      now: iso(t + random.int(30 * DAY)),
    });
  }
  return contexts;
}

/** computeClocks over the contexts, round robin, for about `ms` milliseconds: evaluations per second. */
export function slaEvalPerSecond(
  contexts: ClockInput[],
  ms: number,
): { perSecond: number; evaluations: number; clocksPerEval: number } {
  let evaluations = 0;
  let clocks = 0;
  for (let i = 0; i < 200; i += 1) computeClocks(contexts[i % contexts.length]!); // warm up the JIT
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 100; i += 1) clocks += computeClocks(contexts[(evaluations + i) % contexts.length]!).length;
    evaluations += 100;
    elapsed = performance.now() - started;
  }
  return { perSecond: evaluations / (elapsed / 1000), evaluations, clocksPerEval: clocks / evaluations };
}
