import { statement } from '../execute.js';
import { withConnection, writeTransaction } from '../access.js';
import type { Db } from '../client.js';

/** A frozen month's stored CSV files (penaltyReportFiles in db/schema-reports.ts); '' names the all-partners file. */

export function writeReportFileChunk(
  db: Db,
  month: string,
  partnerId: string,
  chunkNo: number,
  bytes: Buffer,
): Promise<void> {
  return withConnection(db, async () => {
    await writeTransaction(
      db,
      async () =>
        await statement(
          db,
          'insert into penalty_report_files (month, partner_id, chunk_no, bytes) values (?, ?, ?, ?)',
        ).run(month, partnerId, chunkNo, bytes),
    );
  });
}

/** Deletes up to `limit` file chunks of a month that is not final (left by a finalization that stopped). */
export function clearUnfrozenReportFiles(db: Db, month: string, limit: number): Promise<number> {
  return withConnection(db, async () => {
    return await writeTransaction(
      db,
      async () =>
        (
          await statement(
            db,
            `delete from penalty_report_files
            where rowid in (select rowid from penalty_report_files where month = @month limit @limit)
              and not exists (select 1 from penalty_reports where month = @month and state = 'final')`,
          ).run({ month, limit })
        ).changes,
    );
  });
}

/**
 * Chunk `chunkNo` of a final month's stored file; undefined past the last chunk, and for a month that is not final
 * (its chunks may be half-written).
 */
export function reportFileChunk(
  db: Db,
  month: string,
  partnerId: string,
  chunkNo: number,
): Promise<Buffer | undefined> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select bytes from penalty_report_files
        where month = @month and partner_id = @partnerId and chunk_no = @chunkNo
          and exists (select 1 from penalty_reports where month = @month and state = 'final')`,
    )
      .pluck()
      .get({ month, partnerId, chunkNo })) as Buffer | undefined;
  });
}
