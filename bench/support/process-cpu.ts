import fs from 'node:fs';
import type { Db } from '../../db/client.js';
import { isPostgres, statement } from '../../db/execute.js';

/*
 * Which process spent the cores: CPU time (user + system) read from Linux's /proc, so a benchmark on a 2-core machine
 * can say how much of a phase went to its own process, to Temporal's dev server and to PostgreSQL.
 */

/** Linux counts /proc times in USER_HZ ticks, 100 a second. */
const TICK_MS = 10;

type Stat = { ppid: number; ownTicks: number; reapedTicks: number };

function statOf(pid: number): Stat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name (in parentheses, which may hold spaces): state, ppid, … utime, stime, cutime, cstime.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      ownTicks: Number(fields[11]) + Number(fields[12]),
      reapedTicks: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return undefined;
  }
}

/**
 * CPU milliseconds used so far by `pid` and every process under it, live or ended (an ended child's time is in its
 * parent's reaped total); undefined when there is no such process or no /proc.
 */
export function processTreeCpuMs(pid: number): number | undefined {
  const root = statOf(pid);
  if (!root) return undefined;
  const children = new Map<number, number[]>();
  const stats = new Map<number, Stat>([[pid, root]]);
  for (const entry of fs.readdirSync('/proc')) {
    const child = Number(entry);
    if (!Number.isInteger(child) || child === pid) continue;
    const stat = statOf(child);
    if (!stat) continue;
    stats.set(child, stat);
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), child]);
  }
  let ticks = 0;
  for (const queue = [pid]; queue.length > 0;) {
    const at = queue.pop()!;
    const stat = stats.get(at);
    if (stat) ticks += stat.ownTicks + stat.reapedTicks;
    queue.push(...(children.get(at) ?? []));
  }
  return ticks * TICK_MS;
}

/** This process's CPU milliseconds so far, every thread counted. */
export const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * The PostgreSQL server's main process, when it runs on this machine (the parent of the connection's backend);
 * undefined for SQLite or a server elsewhere.
 */
export async function postgresServerPid(db: Db): Promise<number | undefined> {
  if (!isPostgres(db)) return undefined;
  const backend = await statement(db, 'select pg_backend_pid()').pluck<number>().get();
  return backend === undefined ? undefined : statOf(backend)?.ppid;
}

/** CPU milliseconds of each named process so far; `null` for one that cannot be read. */
export type CpuSnapshot = Record<string, number | null>;

/** A meter over named processes: `snapshot()` now, `spent(from, to)` between two snapshots. */
export function cpuMeter(processes: Record<string, () => number | undefined>) {
  return {
    snapshot: (): CpuSnapshot =>
      Object.fromEntries(Object.entries(processes).map(([name, read]) => [name, read() ?? null])),
    spent: (from: CpuSnapshot, to: CpuSnapshot): CpuSnapshot =>
      Object.fromEntries(
        Object.keys(processes).map((name) => {
          const [a, b] = [from[name], to[name]];
          return [name, a === null || b === null || a === undefined || b === undefined ? null : b - a];
        }),
      ),
  };
}
