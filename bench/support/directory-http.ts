import type { ProbeAddress } from './coverage-data.js';
import { bytesPerResponse, loadTargets, type HttpServers, type LoadResult, type LoadOptions } from './http-load.js';
import { unseenQualificationStream } from './qualify-requests.js';

/** What the directory benchmark's HTTP phase measured: each target's load, and how many postcodes were new. */
export type QualificationHttpLoads = {
  app: LoadResult;
  bare: LoadResult;
  bareSized: LoadResult;
  frame: LoadResult;
  frameOneWrite: LoadResult;
  frameReadWrite: LoadResult;
  frameStoresAll: LoadResult;
  /** Requests to the app whose postcode no earlier request of the run used (warm-up included), and all of them. */
  unseen: number;
  sent: number;
  /** Requests to the baselines and floors that failed or answered non-2xx: their figures count only when this is 0. */
  baselineFailures: number;
};

/**
 * The HTTP phase of `bench directory`: the real app asked mostly about postcodes it never saw (`unseenShare`; its
 * caches start cold in the server process), against the baselines and floors of http-server.ts, each target getting
 * bodies of the same shape from a stream of its own, all with the same desk key. Progress through `log`.
 */
export async function measureQualificationHttp(
  servers: HttpServers,
  opts: {
    deskKey: string;
    probes: ProbeAddress[];
    unseenShare: number;
    http: LoadOptions & { rounds: number };
    log: (message: string) => void;
  },
): Promise<QualificationHttpLoads> {
  const { http, log } = opts;
  const headers = { authorization: `Bearer ${opts.deskKey}` };
  const names = ['app', 'bare', 'bareSized', 'frame', 'frameOneWrite', 'frameReadWrite', 'frameStoresAll'] as const;
  const streams = names.map(() => unseenQualificationStream(opts.probes, opts.unseenShare));
  log(
    `HTTP: ${http.connections} connections, ${http.durationSeconds} s per target in ${http.rounds} interleaved rounds (after ${http.warmupSeconds} s warm-up each)`,
  );
  const targets = names.map((name, i) => ({ url: servers[name], body: () => streams[i]!.next(), headers }));
  // The baseline answers with as many bytes as the app: its body is resized to the app's mean response, measured
  // here (an unmeasured run of the app, then one of the baseline for its headers' bytes); the floor that stores an
  // answer with each qualification copies the answers the app stored in that run.
  const appBytes = await bytesPerResponse(targets[0]!, http.connections, http.warmupSeconds);
  const frameHeaderBytes =
    (await bytesPerResponse(targets[names.indexOf('frame')]!, http.connections, 1)) - servers.answerBodyBytes;
  await servers.sizeToApp(appBytes - frameHeaderBytes);
  log(
    `HTTP: the app's responses average ${Math.round(appBytes)} bytes, its newest answers ${servers.sampleAnswerBytes}; the baseline's body is now ${servers.answerBodyBytes} bytes`,
  );
  const results = await loadTargets(targets, http);
  const [app, bare, bareSized, frame, frameOneWrite, frameReadWrite, frameStoresAll] = results as [
    LoadResult,
    LoadResult,
    LoadResult,
    LoadResult,
    LoadResult,
    LoadResult,
    LoadResult,
  ];
  const appStream = streams[0]!;
  log(
    `HTTP qualification: ${app.rps} req/s (p99 ${app.p99Ms} ms, non-2xx ${app.non2xx}, ${app.bytesPerResponse} bytes per response), ${appStream.unseen()} of ${appStream.sent()} postcodes unseen`,
  );
  log(`HTTP bare hono: ${bare.rps} req/s`);
  log(`HTTP bare hono, answer-sized body (informative): ${bareSized.rps} req/s`);
  log(
    `HTTP the app's framework for the operation without its work (the goal's baseline): ${frame.rps} req/s, ${frame.bytesPerResponse} bytes per response`,
  );
  log(
    `HTTP that framework storing each request as a qualification (the floor, informative): ${frameOneWrite.rps} req/s`,
  );
  log(
    `HTTP that framework reading the coverage at the postcode, then storing (the tighter floor, informative): ${frameReadWrite.rps} req/s`,
  );
  log(
    `HTTP that framework reading, then storing each qualification with an answer of its own (${servers.sampleAnswerBytes} bytes on average; the floor with all a qualification stores, informative): ${frameStoresAll.rps} req/s`,
  );
  const baselineFailures = results.slice(1).reduce((sum, load) => sum + load.non2xx + load.errors, 0);
  if (baselineFailures > 0) log(`HTTP baselines and floors: ${baselineFailures} requests failed or answered non-2xx`);
  return {
    app,
    bare,
    bareSized,
    frame,
    frameOneWrite,
    frameReadWrite,
    frameStoresAll,
    unseen: appStream.unseen(),
    sent: appStream.sent(),
    baselineFailures,
  };
}
