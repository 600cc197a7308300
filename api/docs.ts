import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Env, Hono } from 'hono';

const assetsDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Tailgate API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script>SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', persistAuthorization: true });</script>
</body>
</html>`;

/** Interactive API docs, served from the installed swagger-ui-dist (no CDN: works offline). */
export function mountDocs<E extends Env>(app: Hono<E>): void {
  app.get('/docs', (c) => c.html(page));
  app.get('/docs/assets/:file', (c) => {
    const file = c.req.param('file');
    const type = assets[file];
    if (!type) return c.notFound();
    return c.body(fs.readFileSync(path.join(assetsDir, file)), 200, {
      'content-type': type,
      'cache-control': 'public, max-age=86400',
    });
  });
}
