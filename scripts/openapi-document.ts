import pino from 'pino';
import { createApp } from '../api/app.js';
import { servedOpenApiDocument } from '../api/openapi-config.js';
import { openDatabase } from '../db/client.js';
import { outboundGuard } from '../partners/adapters/outbound.js';
import { workflowsUnavailable } from '../workers/client.js';

/** The OpenAPI 3.1 document as the routes declare it, serialised the way it is committed (openapi/openapi.json). */
export function renderOpenApiDocument(): string {
  const db = openDatabase(':memory:');
  try {
    const app = createApp({
      db,
      log: pino({ level: 'silent' }),
      now: () => new Date(0),
      workflows: workflowsUnavailable,
      outbound: outboundGuard([]),
    });
    return `${JSON.stringify(servedOpenApiDocument(app), null, 2)}\n`;
  } finally {
    db.$client.close();
  }
}
