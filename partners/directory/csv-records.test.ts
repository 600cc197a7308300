import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvFileError, MAX_RECORD_CHARS, readCsvRecords, type CsvChunks } from './csv-records.js';

const collect = async (chunks: CsvChunks) => {
  const rows: string[][] = [];
  for await (const row of readCsvRecords(chunks)) rows.push(row);
  return rows;
};

describe('readCsvRecords', () => {
  it('reads quoted fields, CRLF and blank lines', async () => {
    expect(await collect(['a,b\r\n"x, ""y""",2\r\n\r\n', '3,"multi\r\nline"'])).toEqual([
      ['a', 'b'],
      ['x, "y"', '2'],
      [''],
      ['3', 'multi\r\nline'],
    ]);
  });

  it('keeps a multi-byte character split across byte chunks', async () => {
    const bytes = Buffer.from('a\nZürich\n');
    expect(await collect([bytes.subarray(0, 4), bytes.subarray(4)])).toEqual([['a'], ['Zürich']]);
  });

  it('refuses bytes that are not UTF-8', async () => {
    await expect(collect([Buffer.from([0x61, 0x0a, 0xff, 0x0a])])).rejects.toBeInstanceOf(CsvFileError);
  });

  it('stops at a runaway record (an unterminated quote) instead of buffering the rest of the file', async () => {
    const line = `${'x'.repeat(1000)}\n`;
    const chunks = function* () {
      yield 'a\n1\n"oops\n';
      for (let i = 0; i < (2 * MAX_RECORD_CHARS) / line.length; i += 1) yield line;
    };
    const failure = await collect(chunks()).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(CsvFileError);
    expect((failure as CsvFileError).message).toMatch(/unterminated quote/);
  });

  it('passes on an error of the source', async () => {
    const source = new Readable({ read() {} });
    source.push('a,b\n1,2\n');
    setTimeout(() => source.destroy(new Error('connection reset')), 10);
    const seen: string[][] = [];
    await expect(
      (async () => {
        for await (const row of readCsvRecords(source)) seen.push(row);
      })(),
    ).rejects.toThrow('connection reset');
    expect(seen).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('releases the source when the reader stops early', async () => {
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 1e6; i += 1) yield 'q,w\n';
      })(),
    );
    for await (const _ of readCsvRecords(source)) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(source.destroyed).toBe(true);
  });
});
