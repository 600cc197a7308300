import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportsCsv } from '../cli/reports-csv.js';
import type { CliIo } from '../cli/coverage-import.js';
import { statement } from '../db/execute.js';
import { finalizeDraft } from '../reports/finalize.js';
import { generateDraft, reportCsvChunks } from '../reports/index.js';
import { reportFixture, type ReportFixture } from '../reports/test-fixtures.js';

async function csvText(chunks: AsyncIterable<string>): Promise<string> {
  let csv = '';
  for await (const chunk of chunks) csv += chunk;
  return csv;
}

function captureIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    now: () => new Date(),
    clock: () => performance.now(),
    out: () => out,
    err: () => err,
  };
}

describe('npm run cli -- reports csv', () => {
  let fx: ReportFixture;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-reports-cli-'));
  beforeAll(async () => {
    fx = await reportFixture();
  });
  afterAll(async () => {
    await fx?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the same bytes as the API CSV, to stdout or a file, for all partners or one; formula cells are escaped', async () => {
    const a = await fx.addPartner('Alpha');
    const b = await fx.addPartner('Beta');
    const risky = await fx.breach(a, { clause: 'flat', finalAt: '2026-10-02T12:00:00Z' });
    await statement(fx.db, 'update clock_outcomes set partner_reference = ? where id = ?').run(
      '=HYPERLINK("http://x")',
      risky.id,
    );
    await fx.breach(b, { clause: 'hourly', finalAt: '2026-10-03T12:00:00Z' });
    await generateDraft(fx.db, { month: '2026-10', timeZone: 'Europe/London', now: fx.now, by: 'test' });
    const api = await csvText(reportCsvChunks(fx.db, '2026-10'));

    const stdout = captureIo();
    expect(await runReportsCsv(['2026-10'], () => fx.db, stdout)).toBe(0);
    expect(stdout.out()).toBe(api);
    expect(api).toContain(`"'=HYPERLINK(""http://x"")"`);

    const file = path.join(dir, 'beta.csv');
    expect(await runReportsCsv(['2026-10', '--partner', b.id, '--out', file], () => fx.db, captureIo())).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(await csvText(reportCsvChunks(fx.db, '2026-10', { partnerId: b.id })));
    expect(fs.readFileSync(file, 'utf8').split('\r\n')).toHaveLength(3); // header, one line, and the final line break

    const bad = captureIo();
    expect(await runReportsCsv(['2026-13'], () => fx.db, bad)).toBe(2);
    expect(bad.err()).toContain('not a month (YYYY-MM): 2026-13');
    expect(await runReportsCsv(['2026-09'], () => fx.db, captureIo())).toBe(1);

    // Once final, from the files the finalization stored: the same bytes.
    expect(await finalizeDraft(fx.db, '2026-10', 'test', fx.now.toISOString())).toBe('final');
    await statement(fx.db, 'update penalty_report_lines set partner_reference = ?').run('changed under the report');
    const frozen = captureIo();
    expect(await runReportsCsv(['2026-10'], () => fx.db, frozen)).toBe(0);
    expect(frozen.out()).toBe(api);
  });
});
