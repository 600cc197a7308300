import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import { createApp, type App } from '../api/app.js';
import type { Deps } from '../api/context.js';
import type { Env } from '../api/env.js';
import { mountDashboard } from '../web/index.js';

/** The whole HTTP edge of one process: the API (with its OpenAPI document and docs) and the dashboard at `/`. */
export function createHttpApp(deps: Deps): App {
  const app = createApp(deps);
  mountDashboard(app);
  return app;
}

/** The HTTP edge's dependencies in a running process: these parts, and the settings the API reads. */
export const platformDeps = (env: Env, parts: Pick<Deps, 'db' | 'log' | 'workflows' | 'outbound'>): Deps => ({
  ...parts,
  now: () => new Date(),
  financeTimeZone: env.financeTimeZone,
  manualTaskOlaMinutes: env.manualTaskOlaMinutes,
  partnerSecrets: env.partnerSecrets,
  liveQualificationDeadlineMs: env.liveQualificationDeadlineMs,
  certification: env.certification,
});

/** Serves the HTTP edge; resolves once it is listening (so /health answers). */
export function startHttpServer(
  deps: Deps,
  opts: { port: number; host: string; log: Logger },
): Promise<{ server: ServerType; url: string }> {
  const app = createHttpApp(deps);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, (info) => {
      const url = `http://${opts.host}:${info.port}`;
      opts.log.info({ url, docs: `${url}/docs` }, `Tailgate API listening on ${url}`);
      resolve({ server, url });
    });
  });
}
