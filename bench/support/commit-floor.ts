import type { Db } from '../../db/client.js';
import { statement } from '../../db/execute.js';

/**
 * The floor under an in-process qualification's latency: a one-row insert committed on its own, `count` times one
 * after another, each timed (milliseconds, ascending). A qualification is stored before it is answered (an order
 * names its offers), so no call can be faster than this commit: on SQLite a write to the WAL, on PostgreSQL a round
 * trip and a flush of the WAL to disk. The table is the benchmark's own and is dropped after.
 */
export async function oneRowCommitLatencies(db: Db, count: number): Promise<Float64Array> {
  await statement(db, 'create table bench_commit_floor (id integer primary key, at text not null)').run();
  const insert = statement(db, 'insert into bench_commit_floor (id, at) values (?, ?)');
  const latencies = new Float64Array(count);
  for (let i = 0; i < count; i += 1) {
    const t0 = process.hrtime.bigint();
    await insert.run(i, new Date().toISOString());
    latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  await statement(db, 'drop table bench_commit_floor').run();
  return latencies.sort();
}
