import fs from 'node:fs';
import type { Hono } from 'hono';
import type { AppEnv } from '../api/context.js';

/** The dashboard's only assets, read once at start-up and served with a short cache (no bundler, no build step). */
const assets = {
  'dashboard.css': {
    type: 'text/css; charset=utf-8',
    body: fs.readFileSync(new URL('./static/dashboard.css', import.meta.url)),
  },
  'dashboard.js': {
    type: 'text/javascript; charset=utf-8',
    body: fs.readFileSync(new URL('./static/dashboard.js', import.meta.url)),
  },
} as const;

export function registerStatic(web: Hono<AppEnv>): void {
  web.get('/static/:name', (c) => {
    const asset = assets[c.req.param('name') as keyof typeof assets];
    if (!asset) return c.text('Not found', 404);
    return c.body(new Uint8Array(asset.body), 200, {
      'content-type': asset.type,
      'cache-control': 'public, max-age=300',
      'x-content-type-options': 'nosniff',
    });
  });
}
