import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { OrderHarness } from './order-harness.js';

/** An API process over the harness's database and task queue (support/api-process.ts), driven by commands. */
export type ApiProcess = { url: string; child: ChildProcess; ask(command: string): Promise<string> };

const script = (name: string) => path.join(import.meta.dirname, name);
const settings = (h: OrderHarness) => ({
  ...process.env,
  TG_TEMPORAL_ADDRESS: h.address,
  TG_TASK_QUEUE: h.taskQueue,
  TG_DATABASE: path.join(h.platform.dir, 'tailgate.db'),
  // Set when the platform is on PostgreSQL (the postgres test project): the child opens that database instead.
  TG_DATABASE_URL: h.platform.databaseUrl ?? '',
  TG_PUBLIC_URL: h.url,
});

/** Starts an API process and waits until it listens; `children` collects it for the test's clean-up. */
export async function startApiProcess(h: OrderHarness, children: ChildProcess[]): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script('api-process.ts')], {
    env: settings(h),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const next = () => once(lines, 'line').then(([line]) => line as string);
  const first = await next();
  if (!first.startsWith('listening ')) throw new Error(`api-process said ${first}`);
  return {
    url: first.slice('listening '.length),
    child,
    async ask(command) {
      const answer = next();
      child.stdin!.write(`${command}\n`);
      return answer;
    },
  };
}

/** Starts a worker process on the harness's task queue and waits until it polls. */
export async function startWorkerProcess(h: OrderHarness, children: ChildProcess[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script('worker-process.ts')], {
    env: settings(h),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  if (!line.toString().includes('worker running')) throw new Error(`worker-process said ${line.toString()}`);
  return child;
}

/** Kills what is still running (SIGKILL: nothing to wait for). */
export function killAll(children: ChildProcess[]): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
