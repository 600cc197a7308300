import { afterAll, describe, expect, it } from 'vitest';
import { countCoverageEntries } from '../db/repositories/coverage.js';
import { coverageCsv, coverageHeader, coverageRow } from './support/coverage-files.js';
import { createTestPlatform } from './support/platform.js';

type Version = { id: string; status: string; rowCount: number; rejectedCount: number; source: string };
type Imported = {
  version: Version;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  rejectedRows: { row: number; reason: string }[];
};
type Problem = { status: number; code: string; detail: string; errors: { path: string; message: string }[] } & Record<
  string,
  unknown
>;

const platform = await createTestPlatform();
afterAll(() => platform.close());

const rows = (count: number, from = 0) => Array.from({ length: count }, (_, i) => coverageRow(from + i));
const upload = (
  partnerId: string,
  csv: string,
  opts: { key?: string | null; query?: string; contentType?: string } = {},
) =>
  platform.request('POST', `/api/v1/partners/${partnerId}/coverage${opts.query ?? ''}`, {
    key: opts.key,
    body: csv,
    headers: { 'content-type': opts.contentType ?? 'text/csv' },
  });
const versions = async (partnerId: string, key?: string) =>
  (
    (await (await platform.request('GET', `/api/v1/partners/${partnerId}/coverage/versions`, { key })).json()) as {
      items: Version[];
    }
  ).items;
const currentVersionId = async (partnerId: string) =>
  (
    (await (await platform.request('GET', `/api/v1/partners/${partnerId}`)).json()) as {
      currentCoverageVersionId: string | null;
    }
  ).currentCoverageVersionId;

describe('coverage upload', () => {
  it('imports a CSV, records it as the current coverage version, and lists it', async () => {
    const partner = await platform.createPartner();
    const res = await upload(partner.id, coverageCsv(rows(40)));
    expect(res.status).toBe(201);
    const body = (await res.json()) as Imported;
    expect(body).toMatchObject({ rowsRead: 40, rowsImported: 40, rowsRejected: 0, rejectedRows: [] });
    expect(body.version).toMatchObject({
      status: 'active',
      rowCount: 40,
      rejectedCount: 0,
      source: expect.stringMatching(/^api:key_/),
    });
    expect(await currentVersionId(partner.id)).toBe(body.version.id);
    expect(await countCoverageEntries(platform.db, body.version.id)).toBe(40);
    expect(await versions(partner.id, platform.keys.desk)).toEqual([body.version]);
  });

  it('replaces the previous coverage: old entries gone, current version flipped', async () => {
    const partner = await platform.createPartner();
    const first = (await (await upload(partner.id, coverageCsv(rows(20)))).json()) as Imported;
    const second = (await (
      await upload(partner.id, coverageCsv(rows(5, 500)), { key: partner.key })
    ).json()) as Imported;
    expect(await currentVersionId(partner.id)).toBe(second.version.id);
    expect(await countCoverageEntries(platform.db, first.version.id)).toBe(0);
    expect(await countCoverageEntries(platform.db, second.version.id)).toBe(5);
    expect((await versions(partner.id, partner.key)).map((v) => [v.id, v.status])).toEqual([
      [second.version.id, 'active'],
      [first.version.id, 'superseded'],
    ]);
  });

  it('rejects the whole file for one invalid row with problem+json naming row and column, changing nothing', async () => {
    const partner = await platform.createPartner();
    const old = (await (await upload(partner.id, coverageCsv(rows(10)))).json()) as Imported;
    const bad = coverageCsv([
      coverageRow(100),
      coverageRow(101, { install_charge: '450.001' }),
      coverageRow(102, { access_type: 'off-net' }),
    ]);
    const res = await upload(partner.id, bad);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Problem;
    expect(problem).toMatchObject({ code: 'validation_failed', rowsRead: 3, rowsRejected: 2 });
    expect(problem.detail).toMatch(/2 of 3 rows are invalid, so nothing was imported/);
    expect(problem.rejectedRows).toEqual([
      { row: 3, reason: 'install_charge: USD amounts take at most 2 decimals' },
      { row: 4, reason: 'access_type: must be on-net or near-net' },
    ]);
    expect(problem.errors.map((e) => e.path)).toEqual(['rows.3.install_charge', 'rows.4.access_type']);
    expect(await currentVersionId(partner.id)).toBe(old.version.id);
    expect(await countCoverageEntries(platform.db, old.version.id)).toBe(10);
    const [failed] = await versions(partner.id);
    expect(failed).toMatchObject({ id: problem.versionId, status: 'failed', rowCount: 1, rejectedCount: 2 });
    expect(await countCoverageEntries(platform.db, failed?.id ?? '')).toBe(0);
  });

  it('imports the valid rows and lists the rest with skipInvalid=true', async () => {
    const partner = await platform.createPartner();
    const file = coverageCsv([coverageRow(1), coverageRow(2, { lead_time_days: 'soon' }), '', coverageRow(3)]);
    const res = await upload(partner.id, file, { query: '?skipInvalid=true' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Imported;
    expect(body).toMatchObject({ rowsRead: 3, rowsImported: 2, rowsRejected: 1 });
    expect(body.rejectedRows).toEqual([
      { row: 3, reason: 'lead_time_days: must be a whole number of working days from 0 to 1000' },
    ]);
    expect(body.version).toMatchObject({ status: 'active', rowCount: 2, rejectedCount: 1 });
  });

  it('rejects an unknown or missing header column before recording anything', async () => {
    const partner = await platform.createPartner();
    const header = coverageHeader.replace('lead_time_days', 'lead_time');
    const res = await upload(partner.id, `${header}\n${coverageRow(1)}\n`);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem.errors).toEqual([
      { path: 'header.lead_time', message: 'unknown column' },
      { path: 'header.lead_time_days', message: 'required column is missing' },
    ]);
    expect(problem.expectedColumns).toHaveLength(8);
    expect(await versions(partner.id)).toEqual([]);
    expect((await upload(partner.id, '')).status).toBe(422);
  });

  it('answers 422 to a file with no data rows and 415 to a body that is not CSV', async () => {
    const partner = await platform.createPartner();
    const empty = await upload(partner.id, `${coverageHeader}\n`);
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as Problem).errors).toEqual([{ path: 'body', message: 'the file has no data rows' }]);
    const json = await upload(partner.id, coverageCsv(rows(1)), { contentType: 'application/json' });
    expect(json.status).toBe(415);
    expect(((await json.json()) as Problem).errors[0]?.path).toBe('content-type');
    expect(await currentVersionId(partner.id)).toBeNull();
  });

  it('refuses a declared body over the size limit with 413', async () => {
    const partner = await platform.createPartner();
    const res = await platform.app.request(`/api/v1/partners/${partner.id}/coverage`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${platform.keys.admin}`,
        'content-type': 'text/csv',
        'content-length': String(600 * 1024 * 1024),
      },
      body: coverageCsv(rows(1)),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Problem).code).toBe('payload_too_large');
  });

  it('checks who is calling', async () => {
    const partner = await platform.createPartner();
    const other = await platform.createPartner();
    const file = coverageCsv(rows(2));
    expect((await upload(partner.id, file, { key: null })).status).toBe(401);
    expect((await upload(partner.id, file, { key: platform.keys.desk })).status).toBe(403);
    expect((await upload(partner.id, file, { key: platform.keys.finance })).status).toBe(403);
    expect((await upload(partner.id, file, { key: other.key })).status).toBe(404);
    expect((await upload('ptn_missing', file)).status).toBe(404);
    expect((await upload(partner.id, file, { key: partner.key })).status).toBe(201);

    const list = (key: string | null) =>
      platform.request('GET', `/api/v1/partners/${partner.id}/coverage/versions`, { key });
    expect((await list(null)).status).toBe(401);
    expect((await list(platform.keys.finance)).status).toBe(403);
    expect((await list(other.key)).status).toBe(404);
    expect((await list(platform.keys.desk)).status).toBe(200);
    expect(await currentVersionId(other.id)).toBeNull();
  });

  it('pages the versions newest first', async () => {
    const partner = await platform.createPartner();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1)
      ids.push(((await (await upload(partner.id, coverageCsv(rows(1, i)))).json()) as Imported).version.id);
    const page1 = (await (
      await platform.request('GET', `/api/v1/partners/${partner.id}/coverage/versions?limit=2`)
    ).json()) as { items: Version[]; nextCursor: string };
    expect(page1.items.map((v) => v.id)).toEqual([ids[2], ids[1]]);
    const page2 = (await (
      await platform.request(
        'GET',
        `/api/v1/partners/${partner.id}/coverage/versions?limit=2&cursor=${page1.nextCursor}`,
      )
    ).json()) as { items: Version[]; nextCursor: string | null };
    expect([page2.items.map((v) => v.id), page2.nextCursor]).toEqual([[ids[0]], null]);
  });

  it('streams a 200,000-row upload sent in chunks without a declared length', async () => {
    const partner = await platform.createPartner();
    const total = 200_000;
    const encoder = new TextEncoder();
    let next = 0;
    // Generated as the server reads it: the file never exists in one piece on either side.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (next === 0) controller.enqueue(encoder.encode(`${coverageHeader}\n`));
        const end = Math.min(next + 2_000, total);
        let chunk = '';
        for (; next < end; next += 1) chunk += `${coverageRow(next)}\n`;
        controller.enqueue(encoder.encode(chunk));
        if (next >= total) controller.close();
      },
    });
    const res = await platform.app.request(`/api/v1/partners/${partner.id}/coverage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.keys.admin}`, 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(201);
    const imported = (await res.json()) as Imported;
    expect(imported).toMatchObject({ rowsRead: total, rowsImported: total, rowsRejected: 0 });
    expect(await countCoverageEntries(platform.db, imported.version.id)).toBe(total);
  }, 120_000);
});
