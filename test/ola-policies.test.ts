import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { getPolicyById } from '../db/repositories/ola-policies.js';
import { policyInForce } from '../partners/policies/in-force.js';
import { createTestPlatform } from './support/platform.js';

const template = (name: string) =>
  fs.readFileSync(new URL(`../sla-rules/templates/${name}.yaml`, import.meta.url), 'utf8');
const ukTemplate = template('uk-ethernet-carrier');
const effectiveFrom = (text: string, date: string) =>
  text.replace('effectiveFrom: 2026-01-01', `effectiveFrom: ${date}`);

type Version = {
  id: string;
  partnerId: string;
  version: number;
  effectiveFrom: string;
  olas: { id: string; metric: string; target: { kind: string } }[];
};
type Problem = { code: string; errors: { path: string; message: string }[] };

describe('OLA policy versions', async () => {
  const platform = await createTestPlatform();
  afterAll(() => platform.close());
  const upload = (partnerId: string, body: string, contentType = 'application/yaml', key?: string) =>
    platform.request('POST', `/api/v1/partners/${partnerId}/ola-policies`, {
      body,
      headers: { 'content-type': contentType },
      key,
    });

  it('stores a template as uploaded as version 1, then numbers later uploads itself', async () => {
    const partner = await platform.createPartner();
    const first = await upload(partner.id, ukTemplate);
    expect(first.status).toBe(201);
    const v1 = (await first.json()) as Version;
    expect(v1).toMatchObject({ partnerId: partner.id, version: 1, effectiveFrom: '2026-01-01' });
    expect(v1.olas.map((o) => o.id)).toContain('order-ack');
    expect(v1.olas.find((o) => o.id === 'order-ack')).toMatchObject({
      metric: 'orderAcknowledgement',
      target: { kind: 'businessDuration', hours: 4 },
    });
    expect(first.headers.get('location')).toBe(`/api/v1/partners/${partner.id}/ola-policies/1`);

    // The document still says `version: 1`; Tailgate overwrites it.
    const second = await upload(partner.id, ukTemplate, 'text/yaml; charset=utf-8');
    expect(second.status).toBe(201);
    expect(((await second.json()) as Version).version).toBe(2);

    const got = await platform.request('GET', `/api/v1/partners/${partner.id}/ola-policies/2`, {
      key: platform.keys.finance,
    });
    expect(got.status).toBe(200);
    const detail = (await got.json()) as Version & {
      document: { version: number; olas: { jeopardy: number[] }[] };
      source: string;
    };
    expect(detail.document.version).toBe(2);
    expect(detail.document.olas[0]?.jeopardy).toEqual([50, 75, 90]);
    expect(detail.source).toBe(ukTemplate);
  });

  it('accepts the same document as JSON', async () => {
    const partner = await platform.createPartner();
    const res = await platform.request('POST', `/api/v1/partners/${partner.id}/ola-policies`, {
      json: parseYaml(template('us-carrier')),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as Version).version).toBe(1);
  });

  it('answers 422 with the path and YAML line of every problem, and stores nothing', async () => {
    const partner = await platform.createPartner();
    const broken = ukTemplate
      .replace('hours: 4 }', 'hours: -4 }')
      .replace('calendar: uk-office\n  jeopardy', 'calendar: nowhere\n  jeopardy');
    const res = await upload(partner.id, broken);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe('validation_failed');
    const hours = problem.errors.find((e) => e.path === 'olas[0].target.hours');
    const hoursLine = ukTemplate.split('\n').findIndex((l) => l.includes('hours: 4 }')) + 1;
    expect(hours?.message).toMatch(new RegExp(`^line ${hoursLine}: `));

    const syntax = await upload(partner.id, 'id: x\nolas: [unclosed\n');
    expect(syntax.status).toBe(422);
    const syntaxProblem = (await syntax.json()) as Problem;
    expect(syntaxProblem.errors[0]?.path).toBe('(root)');
    expect(syntaxProblem.errors[0]?.message).toMatch(/^line \d+: /);

    const semantic = await upload(
      partner.id,
      ukTemplate.replace('clause: late-acknowledgement', 'clause: no-such-clause'),
    );
    expect(((await semantic.json()) as Problem).errors).toEqual([
      expect.objectContaining({
        path: 'olas[0].penalty.clause',
        message: expect.stringMatching(/^line \d+: unknown penalty clause/),
      }),
    ]);

    const list = await platform.request('GET', `/api/v1/partners/${partner.id}/ola-policies`);
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('refuses an effectiveFrom earlier than the latest version, allows the same one', async () => {
    const partner = await platform.createPartner();
    expect((await upload(partner.id, effectiveFrom(ukTemplate, '2026-06-01'))).status).toBe(201);
    const earlier = await upload(partner.id, ukTemplate);
    expect(earlier.status).toBe(422);
    const problem = (await earlier.json()) as Problem;
    expect(problem.errors).toEqual([
      { path: 'effectiveFrom', message: expect.stringMatching(/^line 7: must not be earlier than version 1/) },
    ]);
    expect((await upload(partner.id, effectiveFrom(ukTemplate, '2026-06-01'))).status).toBe(201);
  });

  it('lists versions newest first, page by page, and shows a partner only its own', async () => {
    const partner = await platform.createPartner();
    const other = await platform.createPartner();
    for (const date of ['2026-01-01', '2026-02-01', '2026-03-01'])
      await upload(partner.id, effectiveFrom(ukTemplate, date));
    const firstPage = await platform.request('GET', `/api/v1/partners/${partner.id}/ola-policies?limit=2`, {
      key: partner.key,
    });
    const body = (await firstPage.json()) as { items: Version[]; nextCursor: string | null };
    expect(body.items.map((v) => v.version)).toEqual([3, 2]);
    expect(body.items[0]?.effectiveFrom).toBe('2026-03-01');
    const rest = await platform.request(
      'GET',
      `/api/v1/partners/${partner.id}/ola-policies?limit=2&cursor=${body.nextCursor}`,
      { key: platform.keys.desk },
    );
    expect((await rest.json()) as { items: Version[]; nextCursor: string | null }).toMatchObject({
      items: [{ version: 1 }],
      nextCursor: null,
    });

    expect(
      (await platform.request('GET', `/api/v1/partners/${partner.id}/ola-policies`, { key: other.key })).status,
    ).toBe(404);
    expect(
      (await platform.request('GET', `/api/v1/partners/${partner.id}/ola-policies/1`, { key: other.key })).status,
    ).toBe(404);
    expect((await platform.request('GET', `/api/v1/partners/${partner.id}/ola-policies/9`)).status).toBe(404);
    expect((await upload(partner.id, ukTemplate, 'application/yaml', partner.key)).status).toBe(403);
    expect((await upload(partner.id, ukTemplate, 'application/yaml', platform.keys.desk)).status).toBe(403);
    expect((await upload('ptn_missing', ukTemplate)).status).toBe(404);
  });

  it('answers 415 to a body that is neither YAML nor JSON, and 400 to JSON that does not parse', async () => {
    const partner = await platform.createPartner();
    expect((await upload(partner.id, ukTemplate, 'text/csv')).status).toBe(415);
    expect((await upload(partner.id, '{"id":', 'application/json')).status).toBe(400);
  });

  it('answers 422 to an alias bomb and to a document nested thousands deep, storing nothing', async () => {
    const partner = await platform.createPartner();
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g'].entries()) {
      bomb.push(
        `${name}: &${name} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(', ')}]`,
      );
    }
    const deep = [`${'['.repeat(20_000)}${']'.repeat(20_000)}`, `${'- '.repeat(20_000)}x`];
    for (const text of [bomb.join('\n'), ...deep]) {
      const res = await upload(partner.id, text);
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ code: 'validation_failed' });
    }
    const versions = await platform.request('GET', `/api/v1/partners/${partner.id}/ola-policies`);
    expect(((await versions.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('finds the version in force at an instant, and a stored version by id', async () => {
    const partner = await platform.createPartner();
    const ids: string[] = [];
    for (const date of ['2026-01-01', '2026-06-01T00:00:00+01:00', '2026-06-01T00:00:00+01:00']) {
      ids.push(((await (await upload(partner.id, effectiveFrom(ukTemplate, date))).json()) as Version).id);
    }
    expect(await policyInForce(platform.db, partner.id, '2025-12-31T23:59:59Z')).toBeUndefined();
    expect((await policyInForce(platform.db, partner.id, '2026-05-31T22:59:59Z'))?.version).toBe(1);
    // Same effectiveFrom: the higher version wins.
    const june = await policyInForce(platform.db, partner.id, '2026-05-31T23:00:00Z');
    expect(june).toMatchObject({ id: ids[2], version: 3 });
    expect((await getPolicyById(platform.db, june!.id))?.document.version).toBe(3);
    expect((await getPolicyById(platform.db, ids[0]!))?.document).toMatchObject({
      id: 'uk-ethernet-carrier',
      version: 1,
      effectiveFrom: '2026-01-01',
    });
    expect(await getPolicyById(platform.db, 'olp_missing')).toBeUndefined();
    expect(await policyInForce(platform.db, 'ptn_missing', '2026-07-01T00:00:00Z')).toBeUndefined();
  });
});
