import type { CoverageImportProgress } from '../partners/directory/coverage-import.js';

const count = new Intl.NumberFormat('en-GB');
export const formatCount = (n: number) => count.format(Math.round(n));
export const formatRate = (rows: number, ms: number) => formatCount(ms > 0 ? (rows * 1000) / ms : 0);

/**
 * Progress lines for a long import, at most one per `intervalMs` however often the importer reports.
 * On a terminal each line overwrites the previous one; in a log file each is its own line.
 */
export function progressPrinter(
  out: { write(text: string): unknown; isTTY?: boolean },
  clock: () => number,
  intervalMs = 250,
) {
  const startedAt = clock();
  let lastAt = -Infinity;
  let printed = false;
  return {
    update(p: CoverageImportProgress): void {
      const now = clock();
      if (now - lastAt < intervalMs) return;
      lastAt = now;
      printed = true;
      const rate = formatRate(p.rowsRead, now - startedAt);
      const line = `${formatCount(p.rowsRead)} rows, ${rate} rows/s, ${formatCount(p.rowsRejected)} rejected so far`;
      out.write(out.isTTY ? `\r${line}\u001b[K` : `${line}\n`);
    },
    /** Ends the overwritten line so what follows starts on its own. */
    done(): void {
      if (printed && out.isTTY) out.write('\n');
    },
    elapsedMs: () => clock() - startedAt,
  };
}
