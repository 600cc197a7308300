import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { statement } from '../../../db/execute.js';
import { finalizeDraft } from '../../../reports/finalize.js';
import { generateDraft, isRefusal } from '../../../reports/index.js';
import { storeReportFiles } from '../../../reports/snapshot.js';
import { reportFixture, type ReportFixture } from '../../../reports/test-fixtures.js';
import { acceptsGzip, penaltyCsvResponse } from './csv.js';

const MONTH = '2026-10';

describe('penalty CSV downloads', () => {
  let fx: ReportFixture;
  afterEach(() => fx?.close());
  const download = async (partnerId?: string, acceptEncoding?: string) => {
    const res = await penaltyCsvResponse(fx.db, MONTH, partnerId, acceptEncoding);
    const bytes = Buffer.from(await res.arrayBuffer());
    const encoding = res.headers.get('content-encoding');
    return { encoding, text: (encoding === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8') };
  };
  const twoPartnersDrafted = async () => {
    fx = await reportFixture();
    const a = await fx.addPartner('Alpha');
    const b = await fx.addPartner('Beta');
    for (let day = 1; day <= 9; day++)
      await fx.breach(day % 3 ? a : b, { clause: 'flat', finalAt: `2026-10-0${day}T12:00:00Z` });
    const draft = await generateDraft(fx.db, { month: MONTH, timeZone: 'Europe/London', now: fx.now, by: 'test' });
    if (isRefusal(draft)) throw new Error(draft.message);
    return { a, b };
  };

  it("serves a frozen month from the files its finalization stored: the draft's bytes, gzip-encoded when asked", async () => {
    const { a, b } = await twoPartnersDrafted();
    const draft = { all: await download(), a: await download(a.id), b: await download(b.id) };
    expect(draft.all.encoding).toBeNull();
    expect(draft.all.text.split('\r\n').filter(Boolean)).toHaveLength(10); // header and nine lines

    expect(await finalizeDraft(fx.db, MONTH, 'key_fin', fx.now.toISOString())).toBe('final');
    const files = statement(fx.db, 'select distinct partner_id from penalty_report_files order by 1').pluck();
    expect(await files.all()).toEqual(['', a.id, b.id].sort());

    expect(await download(undefined, 'gzip, deflate, br')).toEqual({ encoding: 'gzip', text: draft.all.text });
    expect(await download(undefined, undefined)).toEqual({ encoding: null, text: draft.all.text });
    expect(await download(a.id, 'gzip')).toEqual({ encoding: 'gzip', text: draft.a.text });
    expect(await download(b.id, 'identity')).toEqual({ encoding: null, text: draft.b.text });
  });

  it('never serves stored files of a month that is not final (a finalization that stopped halfway)', async () => {
    await twoPartnersDrafted();
    const draft = await download();
    await storeReportFiles(fx.db, MONTH);
    expect(await download(undefined, 'gzip')).toEqual({ encoding: null, text: draft.text });
  });
});

describe('Accept-Encoding', () => {
  it('takes gzip when listed or by *, unless its q is 0', () => {
    for (const yes of ['gzip', 'deflate, gzip;q=0.5', '*', 'br, *;q=0.1', ' GZIP '])
      expect(acceptsGzip(yes)).toBe(true);
    for (const no of [undefined, '', 'br', 'identity', 'gzip;q=0', 'deflate, gzip; q=0'])
      expect(acceptsGzip(no)).toBe(false);
  });
});
