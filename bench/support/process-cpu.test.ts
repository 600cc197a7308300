import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cpuMeter, processTreeCpuMs } from './process-cpu.js';

describe('processTreeCpuMs', () => {
  it("counts a child's CPU under its parent once the child has ended", () => {
    const before = processTreeCpuMs(process.pid)!;
    // A child that spins for at least 200 ms of CPU, then exits and is reaped.
    execFileSync(process.execPath, [
      '-e',
      'const end = process.cpuUsage().user + 200e3; while (process.cpuUsage().user < end);',
    ]);
    expect(processTreeCpuMs(process.pid)! - before).toBeGreaterThanOrEqual(200);
  });

  it('has no figure for a process that does not exist', () => {
    expect(processTreeCpuMs(2 ** 22 + 1)).toBeUndefined();
  });
});

describe('cpuMeter', () => {
  it('answers what each process spent between two snapshots, null where one could not be read', () => {
    let spent = 5;
    const meter = cpuMeter({ counted: () => spent, unreadable: () => undefined });
    const from = meter.snapshot();
    spent = 12;
    expect(meter.spent(from, meter.snapshot())).toEqual({ counted: 7, unreadable: null });
  });
});
