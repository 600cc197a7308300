import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderOpenApiDocument } from '../scripts/openapi-document.js';

describe('openapi/openapi.json', () => {
  it('is up to date with the routes (run `npm run openapi:generate`)', () => {
    const committed = fs.readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8');
    expect(committed).toBe(renderOpenApiDocument());
  });

  it('declares bearer auth and problem+json errors on every operation', () => {
    const doc = JSON.parse(renderOpenApiDocument());
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' });
    for (const [path, item] of Object.entries<Record<string, { responses: Record<string, { content?: object }> }>>(
      doc.paths,
    )) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.responses['401']?.content, `${method} ${path}`).toHaveProperty(['application/problem+json']);
      }
    }
  });
});
