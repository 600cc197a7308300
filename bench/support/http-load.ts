import { spawn } from 'node:child_process';
import readline from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export type LoadOptions = { durationSeconds: number; connections: number; warmupSeconds: number };
export type LoadResult = { rps: number; p50Ms: number; p99Ms: number; requests: number; non2xx: number; errors: number };
export type HttpServers = { app: string; bare: string; bareSized: string; close(): void };

const here = path.dirname(fileURLToPath(import.meta.url));

/** Starts http-server.ts in its own process (tsx), over the benchmark's database file. */
export async function startHttpServers(dbFile: string): Promise<HttpServers> {
  // tsx resolved from here, so the child starts whatever the working directory.
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(here, 'http-server.ts'), dbFile], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`benchmark HTTP server exited with ${code}`))),
  );
  const lines = readline.createInterface({ input: child.stdout });
  const first = new Promise<string>((resolve) => lines.once('line', resolve));
  const urls = JSON.parse(await Promise.race([first, exited])) as { app: string; bare: string; bareSized: string };
  exited.catch(() => undefined);
  return { ...urls, close: () => child.stdin.end() };
}

/**
 * POSTs the bodies in turn for a fixed time with autocannon, after an unmeasured warm-up (JIT, page cache).
 * Every request carries the same headers, so both targets parse the same bytes.
 */
export async function loadTarget(url: string, bodies: string[], headers: Record<string, string>, opts: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const run = (duration: number) =>
    autocannon({
      url,
      connections: opts.connections,
      pipelining: 1,
      duration,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/qualifications',
          headers: { ...headers, 'content-type': 'application/json' },
          setupRequest: (request) => ({ ...request, body: bodies[(next += 1) % bodies.length] ?? '' }),
        },
      ],
    });
  await run(opts.warmupSeconds);
  const result = await run(opts.durationSeconds);
  return {
    rps: Math.round(result.requests.total / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
