import { once } from 'node:events';
import zlib from 'node:zlib';
import type { Db } from '../db/client.js';
import { reportLineValuesPage } from '../db/repositories/penalty-reports.js';
import { writeReportFileChunk } from '../db/repositories/report-files.js';
import { CSV_PAGE_ROWS, csvHeaderRow, csvRows, csvSourceFields, reportCsvColumns } from './csv.js';

/** Stored chunks of a file are about this big: each is written in its own short transaction. */
const CHUNK_BYTES = 1 << 20;
const partnerColumn = reportCsvColumns.findIndex(([, field]) => field === 'partnerId');

/** One stored gzip file being written: compressed on the thread pool, stored a chunk at a time. */
class StoredGzipFile {
  private readonly gzip = zlib.createGzip({ level: 6 });
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private chunkNo = 0;
  /** The chunks handed to the database so far, in order; a failed write fails end(). */
  private stored: Promise<void> = Promise.resolve();
  private readonly ended: Promise<void>;
  bytes = 0;

  constructor(
    private readonly db: Db,
    private readonly month: string,
    readonly partnerId: string,
  ) {
    this.gzip.on('data', (b: Buffer) => {
      this.pending.push(b);
      this.pendingBytes += b.length;
      if (this.pendingBytes >= CHUNK_BYTES) this.store();
    });
    this.ended = once(this.gzip, 'end').then(() => {
      this.store();
      return this.stored;
    });
  }

  async write(text: string): Promise<void> {
    if (!this.gzip.write(text)) await once(this.gzip, 'drain');
  }

  async end(): Promise<void> {
    this.gzip.end();
    await this.ended;
  }

  private store(): void {
    if (this.pendingBytes === 0) return;
    const bytes = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    this.bytes += bytes.length;
    const chunkNo = this.chunkNo++;
    this.stored = this.stored.then(() => writeReportFileChunk(this.db, this.month, this.partnerId, chunkNo, bytes));
  }
}

/**
 * Stores `month`'s CSV as the download serves it, gzip-compressed: the all-partners file and one per partner with
 * lines (a partner's lines are contiguous), in one pass over the lines, each the same bytes as reportCsvChunks
 * gives. The finalization writes it before it freezes the month; the stored files are read only once it is final.
 */
export async function storeReportFiles(db: Db, month: string): Promise<{ files: number; bytes: number }> {
  const header = csvHeaderRow();
  const all = new StoredGzipFile(db, month, '');
  await all.write(header);
  let partner: StoredGzipFile | undefined;
  let files = 1;
  let bytes = 0;
  for (let after = 0; ;) {
    const page = await reportLineValuesPage(db, month, csvSourceFields, { afterLineNo: after, limit: CSV_PAGE_ROWS });
    for (const row of page) after = row.pop() as number;
    for (let from = 0; from < page.length;) {
      const partnerId = String(page[from]![partnerColumn]);
      let to = from + 1;
      while (to < page.length && page[to]![partnerColumn] === partnerId) to += 1;
      if (partner?.partnerId !== partnerId) {
        if (partner) await partner.end().then(() => (bytes += partner!.bytes));
        partner = new StoredGzipFile(db, month, partnerId);
        files += 1;
        await partner.write(header);
      }
      const text = csvRows(page.slice(from, to));
      await all.write(text);
      await partner.write(text);
      from = to;
    }
    if (page.length < CSV_PAGE_ROWS) break;
  }
  if (partner) await partner.end().then(() => (bytes += partner!.bytes));
  await all.end();
  return { files, bytes: bytes + all.bytes };
}
