import { spawn } from 'node:child_process';
import readline from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export type LoadOptions = { durationSeconds: number; connections: number; warmupSeconds: number };
export type LoadResult = {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Mean bytes received per response (status line, headers and body), as autocannon counts them. */
  bytesPerResponse: number;
};
export type HttpServers = {
  app: string;
  bare: string;
  bareSized: string;
  frame: string;
  frameOneWrite: string;
  frameReadWrite: string;
  frameStoresAll: string;
  /** The mean size of the answers frameStoresAll stores (UTF-8 bytes of their JSON). */
  sampleAnswerBytes: number;
  /** The bytes of the body bareSized and the framework routes answer with. */
  answerBodyBytes: number;
  /**
   * Makes that body `bytes` long and has frameStoresAll copy the store's newest answers from now on (those the app
   * stored when it was just loaded); resolves once the server has done both, with this object's sizes updated.
   */
  sizeToApp(bytes: number): Promise<void>;
  /** The app's answer-cache counts so far: each qualification is one hit or one miss (an answer derived anew). */
  answerCache(): Promise<{ answerHits: number; answerMisses: number }>;
  close(): void;
};

const here = path.dirname(fileURLToPath(import.meta.url));

/** Starts http-server.ts in its own process (tsx), over the benchmark's store. */
export async function startHttpServers(store: {
  databasePath: string;
  databaseUrl?: string | undefined;
}): Promise<HttpServers> {
  // tsx resolved from here, so the child starts whatever the working directory.
  const child = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=<dir>: the server process writes a V8 CPU profile there when it exits (to find where it spends).
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      '--import',
      import.meta.resolve('tsx'),
      path.join(here, 'http-server.ts'),
      store.databasePath,
      store.databaseUrl ?? '',
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`benchmark HTTP server exited with ${code}`))),
  );
  const lines = readline.createInterface({ input: child.stdout });
  const nextLine = () =>
    Promise.race([new Promise<string>((resolve) => lines.once('line', resolve)), exited]).then(
      (line) => JSON.parse(line) as unknown,
    );
  type Sizes = Pick<HttpServers, 'answerBodyBytes' | 'sampleAnswerBytes'>;
  const urls = (await nextLine()) as Omit<HttpServers, 'sizeToApp' | 'answerCache' | 'close'>;
  exited.catch(() => undefined);
  /** Sends one command line; resolves with the line that answers it. */
  const command = (line: unknown) => {
    const answered = nextLine();
    child.stdin.write(`${JSON.stringify(line)}\n`);
    return answered;
  };
  const servers: HttpServers = {
    ...urls,
    async sizeToApp(bytes) {
      Object.assign(servers, (await command({ answerBodyBytes: Math.round(bytes) })) as Sizes);
    },
    answerCache: async () => (await command({ answerCache: true })) as { answerHits: number; answerMisses: number },
    close: () => child.stdin.end(),
  };
  return servers;
}

/** A server to load: each request's body comes from `body()` (a stream of requests, or a list taken in turn). */
type Target = { url: string; body: () => string; headers: Record<string, string> };

/** One autocannon run POSTing the target's bodies in turn, for `duration` seconds. */
function run(target: Target, connections: number, duration: number) {
  return autocannon({
    url: target.url,
    connections,
    pipelining: 1,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/qualifications',
        headers: { ...target.headers, 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: target.body() }),
      },
    ],
  });
}

/** The mean bytes per response (headers included) of one unmeasured run of `seconds` against the target. */
export async function bytesPerResponse(target: Target, connections: number, seconds: number): Promise<number> {
  const result = await run(target, connections, seconds);
  return result.throughput.total / Math.max(1, result.requests.total);
}

/**
 * Loads each target for `durationSeconds` in all, after an unmeasured warm-up of each (JIT, page cache), in `rounds`
 * rounds that take the targets in turn: a machine whose speed drifts during the run (other tenants, frequency
 * scaling) slows every target alike instead of whichever happened to run then. Every request carries the same
 * headers, so all targets parse the same bytes. p50/p99 are the medians of the rounds' figures.
 */
export async function loadTargets(targets: Target[], opts: LoadOptions & { rounds: number }): Promise<LoadResult[]> {
  for (const target of targets) await run(target, opts.connections, opts.warmupSeconds);
  const rounds: autocannon.Result[][] = targets.map(() => []);
  const seconds = Math.max(1, Math.round(opts.durationSeconds / opts.rounds));
  for (let round = 0; round < opts.rounds; round += 1) {
    for (const [i, target] of targets.entries()) rounds[i]?.push(await run(target, opts.connections, seconds));
  }
  return rounds.map((results) => {
    const sum = (pick: (r: autocannon.Result) => number) => results.reduce((total, r) => total + pick(r), 0);
    const median = (pick: (r: autocannon.Result) => number) => {
      const sorted = results.map(pick).sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)] ?? 0;
    };
    return {
      rps: Math.round(sum((r) => r.requests.total) / sum((r) => r.duration)),
      p50Ms: median((r) => r.latency.p50),
      p99Ms: median((r) => r.latency.p99),
      requests: sum((r) => r.requests.total),
      non2xx: sum((r) => r.non2xx),
      errors: sum((r) => r.errors),
      bytesPerResponse: Math.round(
        sum((r) => r.throughput.total) /
          Math.max(
            1,
            sum((r) => r.requests.total),
          ),
      ),
    };
  });
}
