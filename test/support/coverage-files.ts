import fs from 'node:fs';
import { once } from 'node:events';
import type { Db } from '../../db/client.js';
import { coverageCsvColumns, type CoverageCsvColumn } from '../../openapi/coverage.js';
import { importCoverage } from '../../partners/directory/coverage-import.js';

export const coverageHeader = coverageCsvColumns.join(',');
type Row = Partial<Record<CoverageCsvColumn, string>>;

/** Row `i` of a synthetic coverage file: a distinct US ZIP+4 per row, so no two rows ever duplicate each other. */
export function coverageRow(i: number, overrides: Row = {}): string {
  const monthlyCents = 21050 + (i % 10000);
  const row: Record<CoverageCsvColumn, string> = {
    location_key: `${10000 + Math.floor(i / 10000)}-${String(i % 10000).padStart(4, '0')}`,
    product_code: i % 2 === 0 ? 'ETH-FTTP' : 'ETH-EFM',
    bandwidth_mbps: i % 2 === 0 ? '1000' : '100',
    access_type: i % 3 === 0 ? 'near-net' : 'on-net',
    install_charge: `${450 + (i % 7)}.00`,
    monthly_charge: `${Math.floor(monthlyCents / 100)}.${String(monthlyCents % 100).padStart(2, '0')}`,
    currency: 'USD',
    lead_time_days: String(10 + (i % 30)),
    ...overrides,
  };
  return coverageCsvColumns.map((c) => row[c]).join(',');
}

export function coverageCsv(rows: string[]): string {
  return `${coverageHeader}\n${rows.join('\n')}\n`;
}

/** Writes a file of `count` rows without building it in memory; `bad(i)` marks row i (0-based) invalid. */
export async function writeCoverageFile(
  file: string,
  count: number,
  bad: (i: number) => boolean = () => false,
): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`${coverageHeader}\n`);
  let chunk = '';
  for (let i = 0; i < count; i += 1) {
    chunk += `${coverageRow(i, bad(i) ? { bandwidth_mbps: 'fast' } : {})}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** Uploads `rows` (coverageRow lines) as the partner's whole coverage, as a carrier's CSV upload does. */
export const uploadCoverage = (db: Db, partnerId: string, rows: string[]) =>
  importCoverage({
    db,
    partnerId,
    source: 'test',
    csv: [coverageCsv(rows)],
    skipInvalid: false,
    now: () => new Date(),
  });
