import type { Db } from '../../db/client.js';
import {
  activateCoverageVersion,
  beginCoverageVersion,
  failCoverageVersion,
  purgeCoverageEntries,
  stageCoverageEntries,
  stagedCoverageIdentity,
  type StagedRow,
  type StagingVersion,
} from '../../db/repositories/coverage.js';
import type { CoverageVersion } from '../../openapi/coverage.js';
import {
  checkCoverageHeader,
  checkCoverageRow,
  describeRowProblems,
  isBlankRecord,
  type ColumnPositions,
  type HeaderProblem,
  type RowProblem,
} from './coverage-csv.js';
import { readCsvRecordBatches, type CsvChunks } from './csv-records.js';
import { RepeatedRows } from './repeated-rows.js';

export const REJECTIONS_REPORTED = 100;
/** Rows per write transaction: as many as batched inserts want, yet one blocks the event loop only ~50-100 ms. */
const DEFAULT_BATCH_ROWS = 10_000;

export type CoverageRejection = { row: number; reason: string; problems: RowProblem[] };
export type CoverageImportProgress = { rowsRead: number; rowsAccepted: number; rowsRejected: number };
export type CoverageImportResult = {
  /** `imported`: the version is now current. Otherwise the version is failed and coverage is unchanged. */
  outcome: 'imported' | 'rejected' | 'empty';
  version: CoverageVersion;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  /** The first REJECTIONS_REPORTED rejected rows, in file order. */
  rejections: CoverageRejection[];
};

/** The header is wrong (or missing): nothing was started, so nothing was recorded. */
export class CoverageHeaderError extends Error {
  constructor(readonly problems: HeaderProblem[]) {
    super(problems.map((p) => `${p.column}: ${p.message}`).join('; '));
  }
}

export type CoverageImportOptions = {
  db: Db;
  partnerId: string;
  /** Recorded on the version: who or what uploaded it. */
  source: string;
  csv: CsvChunks;
  /** Import the valid rows and report the rest; otherwise one rejected row rejects the whole file. */
  skipInvalid: boolean;
  now: () => Date;
  onProgress?: (progress: CoverageImportProgress) => void;
  batchSize?: number;
};

const duplicateProblem = (duplicateOf: number): RowProblem => ({
  column: 'location_key',
  message: `repeats row ${duplicateOf} (same location_key, product_code and bandwidth_mbps)`,
});

/**
 * Replaces a partner's coverage with a CSV file, streaming: valid rows are staged a batch per transaction under
 * a new version no reader can see, then one transaction makes it current. Any rejection (without skipInvalid),
 * an empty result or an error marks the version failed and purges what was staged, leaving coverage as it was.
 */
export async function importCoverage(opts: CoverageImportOptions): Promise<CoverageImportResult> {
  const { db } = opts;
  const batches = readCsvRecordBatches(opts.csv);
  const first = await batches.next();
  const [header, ...firstRecords] = first.done ? [] : first.value;
  if (!header) throw new CoverageHeaderError([{ column: '(header)', message: 'the file is empty' }]);
  const checked = checkCoverageHeader(header);
  if (!checked.ok) {
    await batches.return(undefined);
    throw new CoverageHeaderError(checked.problems);
  }

  const version = await beginCoverageVersion(db, { partnerId: opts.partnerId, source: opts.source, now: opts.now() });
  let settled: Settled;
  try {
    const { progress, rejections } = await stageRows(opts, { firstRecords, batches }, version, checked.columns);
    settled = await settle(opts, version, progress, rejections);
  } catch (err) {
    // The original error is the one worth reporting; a failed clean-up only leaves rows no reader can see.
    await abandon(db, version).catch(() => undefined);
    throw err;
  }
  if (settled.outcome !== 'imported') await purgeCoverageEntries(db, version.id);
  if (settled.supersededId) await purgeCoverageEntries(db, settled.supersededId);
  const { supersededId: _, ...result } = settled;
  return result;
}

type Records = { firstRecords: string[][]; batches: AsyncGenerator<string[][]> };

/**
 * Validates every record, writing the valid ones a batch per transaction; rejections are counted and sampled in
 * file order. A row repeating an earlier row's location, product and bandwidth is rejected as it is read.
 * Valid rows are written even once the file is bound to be rejected, so the carrier gets every problem in one report.
 */
async function stageRows(
  opts: CoverageImportOptions,
  records: Records,
  version: StagingVersion,
  columns: ColumnPositions,
) {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_ROWS;
  const progress: CoverageImportProgress = { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 };
  const rejections: CoverageRejection[] = [];
  let row = 1;
  let batch: StagedRow[] = [];
  // An earlier row is either still in the batch (not written yet) or already staged under the version.
  const repeated = new RepeatedRows(async (earlier) => {
    const first = batch[0];
    return first && earlier >= first.row
      ? findStaged(batch, earlier)?.entry
      : await stagedCoverageIdentity(opts.db, version, earlier);
  });
  const reject = (problems: RowProblem[]) => {
    progress.rowsRejected += 1;
    if (rejections.length < REJECTIONS_REPORTED)
      rejections.push({ row, reason: describeRowProblems(problems), problems });
  };
  const flush = async () => {
    await stageCoverageEntries(opts.db, version, batch);
    batch = [];
    opts.onProgress?.({ ...progress });
    // Lets other requests in between batches when the whole file is already buffered.
    await new Promise((resolve) => setImmediate(resolve));
  };
  try {
    for (let chunk = records.firstRecords; ;) {
      for (const record of chunk) {
        row += 1;
        if (isBlankRecord(record)) continue;
        progress.rowsRead += 1;
        const check = checkCoverageRow(record, columns);
        if (!check.ok) {
          reject(check.problems);
        } else {
          const repeats = await repeated.firstOf(row, check.entry);
          if (repeats === undefined) {
            progress.rowsAccepted += 1;
            batch.push({ row, entry: check.entry });
          } else {
            reject([duplicateProblem(repeats)]);
          }
        }
        if (progress.rowsRead % batchSize === 0) await flush();
      }
      const next = await records.batches.next();
      if (next.done) break;
      chunk = next.value;
    }
  } finally {
    // Releases the source (a file or request stream) when staging stops early.
    await records.batches.return(undefined);
  }
  await flush();
  return { progress, rejections };
}

/** Binary search: the batch holds rows in file order. */
function findStaged(batch: StagedRow[], row: number): StagedRow | undefined {
  let lo = 0;
  let hi = batch.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = batch[mid] as StagedRow;
    if (at.row === row) return at;
    if (at.row < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

type Settled = CoverageImportResult & { supersededId: string | null };

/** Decides the upload's fate once every row is staged: make it current, or record it as failed. */
async function settle(
  opts: CoverageImportOptions,
  staging: StagingVersion,
  progress: CoverageImportProgress,
  rejections: CoverageRejection[],
): Promise<Settled> {
  const { db } = opts;
  const rowsRejected = progress.rowsRejected;
  const rowsImported = progress.rowsAccepted;
  const counts = { rowsRead: progress.rowsRead, rowsImported, rowsRejected, rejections };

  const outcome = rowsRejected > 0 && !opts.skipInvalid ? 'rejected' : rowsImported === 0 ? 'empty' : 'imported';
  if (outcome !== 'imported') {
    const version = await failCoverageVersion(db, {
      versionId: staging.id,
      rowCount: rowsImported,
      rejectedCount: rowsRejected,
    });
    return { outcome, version, ...counts, supersededId: null };
  }
  const activated = await activateCoverageVersion(db, {
    version: staging,
    rowCount: rowsImported,
    rejectedCount: rowsRejected,
    now: opts.now(),
  });
  return { outcome, version: activated.version, ...counts, supersededId: activated.supersededId };
}

/** Marks the version failed first (so it is never taken for a live import), then removes what it staged. */
async function abandon(db: Db, version: StagingVersion) {
  await failCoverageVersion(db, { versionId: version.id, rowCount: 0, rejectedCount: 0 });
  await purgeCoverageEntries(db, version.id);
}
