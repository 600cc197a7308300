import { describe, expect, it } from 'vitest';
import { progressPrinter } from './progress.js';

describe('progressPrinter', () => {
  it('prints at most one line per interval, with the rate so far', () => {
    const lines: string[] = [];
    let now = 1_000;
    const printer = progressPrinter({ write: (text: string) => lines.push(text) }, () => now);
    for (const [at, rowsRead] of [
      [1_000, 5_000],
      [1_100, 10_000],
      [1_200, 15_000],
      [1_400, 20_000],
      [2_000, 50_000],
    ] as const) {
      now = at;
      printer.update({ rowsRead, rowsAccepted: rowsRead - 1, rowsRejected: 1 });
    }
    expect(lines).toEqual([
      '5,000 rows, 0 rows/s, 1 rejected so far\n',
      '20,000 rows, 50,000 rows/s, 1 rejected so far\n',
      '50,000 rows, 50,000 rows/s, 1 rejected so far\n',
    ]);
  });

  it('rewrites one line on a terminal and ends it when done', () => {
    let text = '';
    let now = 0;
    const printer = progressPrinter({ write: (t: string) => (text += t), isTTY: true }, () => now);
    printer.update({ rowsRead: 1, rowsAccepted: 1, rowsRejected: 0 });
    now = 500;
    printer.update({ rowsRead: 2, rowsAccepted: 2, rowsRejected: 0 });
    printer.done();
    expect(text).toBe('\r1 rows, 0 rows/s, 0 rejected so far\u001b[K\r2 rows, 4 rows/s, 0 rejected so far\u001b[K\n');
  });
});
