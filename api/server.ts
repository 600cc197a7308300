import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { Deps } from './context.js';

/** Serves the HTTP edge; resolves once it is listening (so /health answers). */
export function startApiServer(
  deps: Deps,
  opts: { port: number; host: string; log: Logger },
): Promise<{ server: ServerType; url: string }> {
  const app = createApp(deps);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, (info) => {
      const url = `http://${opts.host}:${info.port}`;
      opts.log.info({ url, docs: `${url}/docs` }, `Tailgate API listening on ${url}`);
      resolve({ server, url });
    });
  });
}
