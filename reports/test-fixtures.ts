import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../db/client.js';
import { recordClockOutcomes } from '../db/repositories/clock-outcomes.js';
import { insertPolicyVersion } from '../db/repositories/ola-policies.js';
import { insertPartner } from '../db/repositories/partners.js';
import { recordSlaFacts } from '../db/repositories/sla-facts.js';
import { validatePolicy } from '../sla-rules/parse-policy.js';
import { openTestStore } from '../test/support/store.js';

/**
 * A store (the test project's: a SQLite file in a temporary folder, or a PostgreSQL database of its own) with
 * partners, a policy version each and breach outcomes written directly, for report unit tests. `close` closes the
 * store and removes the folder.
 */
export async function reportFixture(opts: { clauses?: Record<string, unknown>; caps?: Record<string, unknown> } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-report-'));
  let store: Awaited<ReturnType<typeof openTestStore>>;
  try {
    store = await openTestStore(dir);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const db: Db = store.db;
  const now = new Date('2026-11-05T10:00:00Z');
  const clauses = opts.clauses ?? {
    hourly: { kind: 'perUnitLate', unit: 'startedHour', rate: { amountMinor: 1000, currency: 'GBP' } },
    flat: { kind: 'flatPerBreach', amount: { amountMinor: 5000, currency: 'GBP' } },
    share: { kind: 'flatPerBreach', amount: { percent: 10, of: 'monthlyCharge' } },
  };
  const addPartner = async (name: string, currency = 'GBP') => {
    const partner = await insertPartner(
      db,
      {
        name,
        country: 'GB',
        status: 'active',
        defaultCurrency: currency,
        adapter: { orderingApi: 'none' },
        escalation: [],
        calendar: { timeZone: 'Europe/London', holidayRegion: 'GB-ENG' },
      } as never,
      now,
    );
    const document = validatePolicy({
      id: `${name}-policy`,
      version: 1,
      effectiveFrom: '2026-01-01',
      penaltyClauses: clauses,
      ...(opts.caps ? { penaltyCaps: opts.caps } : {}),
      olas: Object.keys(clauses).map((clause) => ({
        id: `ola-${clause}`,
        metric: 'faultRestoration',
        appliesTo: { entity: 'ticket' },
        stop: { state: 'resolved' },
        target: { kind: 'clockDuration', hours: 4 },
        penalty: { clause },
      })),
    });
    const policy = await insertPolicyVersion(db, {
      partnerId: partner.id,
      document,
      source: '{}',
      createdBy: 'test',
      now,
    });
    return { id: partner.id, policyId: policy.id };
  };
  let seq = 0;
  /** A breach (restored `overrunHours` after a 4-hour target) final at `finalAt`, on a circuit charging `monthly`. */
  const breach = async (
    partner: { id: string; policyId: string },
    o: {
      clause: string;
      finalAt: string;
      overrunHours?: number;
      monthly?: number;
      currency?: string;
      state?: 'breached' | 'met';
      recordedAt?: string;
    },
  ) => {
    seq += 1;
    const entityId = `tkt_${String(seq).padStart(4, '0')}`;
    const overrunMs = Math.round((o.overrunHours ?? 1) * 3_600_000);
    const due = new Date(Date.parse(o.finalAt) - overrunMs).toISOString();
    const breached = (o.state ?? 'breached') === 'breached';
    if (breached) {
      await recordSlaFacts(db, [
        {
          entityType: 'ticket',
          entityId,
          partnerId: partner.id,
          olaId: `ola-${o.clause}`,
          metric: 'faultRestoration',
          policyVersion: 1,
          kind: 'breach',
          threshold: 100,
          at: due,
          dueAt: due,
          detectedAt: due,
          detail: null,
        },
      ]);
    }
    const [row] = await recordClockOutcomes(
      db,
      [
        {
          entityType: 'ticket',
          entityId,
          partnerId: partner.id,
          olaId: `ola-${o.clause}`,
          metric: 'faultRestoration',
          policyId: partner.policyId,
          policyVersion: 1,
          clause: o.clause,
          state: breached ? 'breached' : 'met',
          measure: 'clock',
          calendar: '24x7',
          startedAt: new Date(Date.parse(due) - 4 * 3_600_000).toISOString(),
          dueAt: due,
          breachedAt: breached ? due : null,
          finalAt: o.finalAt,
          targetMs: 4 * 3_600_000,
          elapsedMs: 4 * 3_600_000 + (breached ? overrunMs : -overrunMs),
          overrunMs: breached ? overrunMs : 0,
          pausedMs: 0,
          monthlyChargeMinor: o.monthly ?? 30_000,
          installChargeMinor: 0,
          currency: o.currency ?? 'GBP',
          ourReference: `INC-${seq}`,
          partnerReference: `TT-${seq}`,
          circuitId: `ord_${seq}`,
          site: '10 Downing Street, London, SW1A 2AA, GB',
        },
      ],
      o.recordedAt ?? o.finalAt,
    );
    return row!;
  };
  let closed: Promise<void> | undefined;
  /** Closes the store and removes its folder; closing again waits for the first close. */
  const close = () =>
    (closed ??= (async () => {
      try {
        await store.close();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    })());
  return { db, now, addPartner, breach, close };
}

export type ReportFixture = Awaited<ReturnType<typeof reportFixture>>;
