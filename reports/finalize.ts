import { setImmediate } from 'node:timers/promises';
import type { Db } from '../db/client.js';
import {
  clearUnfrozenBilled,
  copyBilledLines,
  freezeReport,
  getReport,
  reportState,
} from '../db/repositories/penalty-reports.js';
import {
  beatReportBuild,
  failReportBuild,
  purgeReportBuild,
  startReportBuild,
} from '../db/repositories/report-builds.js';
import { clearUnfrozenReportFiles } from '../db/repositories/report-files.js';
import { STALE_BUILD_MS } from './build-report.js';
import { storeReportFiles } from './snapshot.js';

/**
 * Lines copied per write transaction: a few tens of milliseconds of write lock each, then the event loop runs. At
 * 5,000 a copy held SQLite's (synchronous) connection 220-290 ms once a month of 1,000,000 lines had filled
 * penalty_billed (its primary key takes the outcome ids in random order).
 */
export const FINALIZE_BATCH_LINES = 2_000;

export type FinalizeOutcome = 'final' | 'busy' | 'changed' | 'no_draft' | 'already_final';

/**
 * Freezes `month`'s draft without one long transaction: it takes the month's build slot (a generation or another
 * finalization of the month is refused 'busy' meanwhile; see startReportBuild), copies what the draft bills into
 * penalty_billed FINALIZE_BATCH_LINES lines per transaction and stores its CSV files (storeReportFiles; both unseen
 * until the month is final), then freezes the month in one short transaction, only if the draft is still the one
 * copied ('changed' otherwise). A finalization that stops halfway leaves unseen rows, which the next one clears first.
 */
export async function finalizeDraft(
  db: Db,
  month: string,
  by: string,
  at: string,
  batchLines = FINALIZE_BATCH_LINES,
): Promise<FinalizeOutcome> {
  const wallClock = () => new Date().toISOString();
  const slot = await startReportBuild(db, month, wallClock(), new Date(Date.now() - STALE_BUILD_MS).toISOString());
  if ('refused' in slot) return slot.refused === 'final' ? 'already_final' : 'busy';
  try {
    const report = await reportState(db, month);
    if (!report) return 'no_draft';
    if (report.state === 'final') return 'already_final';
    await clearUnfrozen(db, month, batchLines);
    const lineCount = (await getReport(db, month))?.lineCount ?? 0;
    for (let from = 0; from < lineCount; from += batchLines) {
      await beatReportBuild(db, slot.buildId, wallClock());
      await copyBilledLines(db, month, report.buildId, from, Math.min(lineCount, from + batchLines));
      await setImmediate();
    }
    await beatReportBuild(db, slot.buildId, wallClock());
    await storeReportFiles(db, month);
    if (await freezeReport(db, month, report.buildId, by, at)) return 'final';
    await clearUnfrozen(db, month, batchLines);
    return 'changed';
  } finally {
    await failReportBuild(db, slot.buildId);
    await purgeReportBuild(db, slot.buildId);
  }
}

/** What an earlier finalization of a month that is not final left: billed rows and stored file chunks. */
async function clearUnfrozen(db: Db, month: string, batchLines: number): Promise<void> {
  while ((await clearUnfrozenBilled(db, month, batchLines)) === batchLines) await setImmediate();
  while ((await clearUnfrozenReportFiles(db, month, 16)) === 16) await setImmediate();
}
