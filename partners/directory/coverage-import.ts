import type { Db } from '../../db/client.js';
import {
  activateCoverageVersion,
  beginCoverageVersion,
  deleteDuplicateCoverageRows,
  failCoverageVersion,
  findDuplicateCoverageRows,
  purgeCoverageEntries,
  stageCoverageEntries,
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
import { readCsvRecords, type CsvChunks } from './csv-records.js';

export const REJECTIONS_REPORTED = 100;

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
  const records = readCsvRecords(opts.csv);
  const header = await records.next();
  if (header.done) throw new CoverageHeaderError([{ column: '(header)', message: 'the file is empty' }]);
  const checked = checkCoverageHeader(header.value);
  if (!checked.ok) {
    await records.return(undefined);
    throw new CoverageHeaderError(checked.problems);
  }

  const version = beginCoverageVersion(db, { partnerId: opts.partnerId, source: opts.source, now: opts.now() });
  let settled: Settled;
  try {
    const { progress, rejections } = await stageRows(opts, records, version, checked.columns);
    settled = settle(opts, version, progress, rejections);
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

/**
 * Validates every record, writing the valid ones a batch per transaction; rejections are counted and sampled.
 * Valid rows are written even once the file is bound to be rejected: duplicates are found in SQL over the
 * written rows, so the carrier gets every kind of problem in one report.
 */
async function stageRows(
  opts: CoverageImportOptions,
  records: AsyncGenerator<string[]>,
  version: StagingVersion,
  columns: ColumnPositions,
) {
  const batchSize = opts.batchSize ?? 5_000;
  const progress: CoverageImportProgress = { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 };
  const rejections: CoverageRejection[] = [];
  let row = 1;
  let batch: StagedRow[] = [];
  const flush = async () => {
    stageCoverageEntries(opts.db, version, batch);
    batch = [];
    opts.onProgress?.({ ...progress });
    // Lets other requests in between batches when the whole file is already buffered.
    await new Promise((resolve) => setImmediate(resolve));
  };
  for await (const record of records) {
    row += 1;
    if (isBlankRecord(record)) continue;
    progress.rowsRead += 1;
    const check = checkCoverageRow(record, columns);
    if (check.ok) {
      progress.rowsAccepted += 1;
      batch.push({ row, entry: check.entry });
    } else {
      progress.rowsRejected += 1;
      if (rejections.length < REJECTIONS_REPORTED) {
        rejections.push({ row, reason: describeRowProblems(check.problems), problems: check.problems });
      }
    }
    if (progress.rowsRead % batchSize === 0) await flush();
  }
  await flush();
  return { progress, rejections };
}

type Settled = CoverageImportResult & { supersededId: string | null };

/** Decides the upload's fate once every row is staged: make it current, or record it as failed. */
function settle(
  opts: CoverageImportOptions,
  staging: StagingVersion,
  progress: CoverageImportProgress,
  rowRejections: CoverageRejection[],
): Settled {
  const { db } = opts;
  const duplicates = findDuplicateCoverageRows(db, staging, REJECTIONS_REPORTED);
  const rowsRejected = progress.rowsRejected + duplicates.count;
  const rowsImported = progress.rowsAccepted - duplicates.count;
  const rejections = [
    ...rowRejections,
    ...duplicates.sample.map(({ row, duplicateOf }) => {
      const problems = [duplicateProblem(duplicateOf)];
      return { row, reason: describeRowProblems(problems), problems };
    }),
  ]
    .sort((a, b) => a.row - b.row)
    .slice(0, REJECTIONS_REPORTED);
  const counts = { rowsRead: progress.rowsRead, rowsImported, rowsRejected, rejections };

  const outcome = rowsRejected > 0 && !opts.skipInvalid ? 'rejected' : rowsImported === 0 ? 'empty' : 'imported';
  if (outcome !== 'imported') {
    const version = failCoverageVersion(db, { versionId: staging.id, rowCount: rowsImported, rejectedCount: rowsRejected });
    return { outcome, version, ...counts, supersededId: null };
  }
  if (duplicates.count > 0) deleteDuplicateCoverageRows(db, staging);
  const activated = activateCoverageVersion(db, { version: staging, rowCount: rowsImported, rejectedCount: rowsRejected, now: opts.now() });
  return { outcome, version: activated.version, ...counts, supersededId: activated.supersededId };
}

/** Marks the version failed first (so it is never taken for a live import), then removes what it staged. */
async function abandon(db: Db, version: StagingVersion) {
  failCoverageVersion(db, { versionId: version.id, rowCount: 0, rejectedCount: 0 });
  await purgeCoverageEntries(db, version.id);
}
