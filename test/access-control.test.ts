import { afterAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../openapi/common.js';
import { renderOpenApiDocument } from '../scripts/openapi-document.js';
import { createTestPlatform } from './support/platform.js';

type Operation = { 'x-roles'?: Role[] };
const doc = JSON.parse(renderOpenApiDocument()) as { paths: Record<string, Record<string, Operation>> };
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, allowed: op['x-roles'] })),
);
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'does-not-exist');

describe('access control on every operation of the OpenAPI document', async () => {
  const platform = await createTestPlatform();
  afterAll(() => platform.close());
  let partnerKey = '';

  it('covers a non-trivial set of operations, each declaring its roles', async () => {
    partnerKey = (await platform.createPartner()).key;
    expect(operations.length).toBeGreaterThanOrEqual(8);
    for (const op of operations) expect(op.allowed, `${op.method} ${op.path}`).toBeDefined();
  });

  it.each(operations)('$method $path answers 401 without a key or with an unknown key', async ({ method, path }) => {
    const missing = await platform.request(method, concrete(path), { key: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const unknown = await platform.request(method, concrete(path), { key: 'tg_not-a-real-key' });
    expect(unknown.status).toBe(401);
  });

  it.each(operations)(
    '$method $path answers 403 to every role it does not allow',
    async ({ method, path, allowed }) => {
      const keys: Record<Role, string> = { ...platform.keys, partner: partnerKey };
      const refused = roles.filter((r) => !allowed?.includes(r));
      for (const role of refused) {
        const res = await platform.request(method, concrete(path), { key: keys[role] });
        expect(res.status, `${role} on ${method} ${path}`).toBe(403);
        expect(((await res.json()) as { code: string }).code).toBe('forbidden');
      }
    },
  );
});
