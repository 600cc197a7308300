import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalizedBreaches } from './support/credits.js';
import { createTestPlatform, type TestPlatform } from './support/platform.js';

/**
 * Credits collected, through the API on the test project's store: a finalized month's lines claimed from the carrier,
 * acknowledged, disputed with the clock's evidence, and settled by an imported credit-note CSV that flags short,
 * unexpected and missing credits; totals and ageing follow each step.
 */
type Claim = { id: string; lineId: string; state: string; amountMinor: number; carrierCircuitRef: string | null };
type Problem = { errors?: { path: string }[]; detail: string };

describe('credit claims from owed to settled', () => {
  let platform: TestPlatform;
  let carrierId: string;
  const fin = (method: string, url: string, json?: unknown) =>
    platform.request(method, url, { key: platform.keys.finance, ...(json !== undefined && { json }) });
  const importCsv = (csv: string, key = platform.keys.finance) =>
    platform.request('POST', `/api/v1/partners/${carrierId}/credit-notes?fileName=cn.csv`, {
      key,
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
  /** The carrier's claims in line order (circuits CCT-1, CCT-2, CCT-3). */
  const claims = async () =>
    (
      (await (await fin('GET', `/api/v1/credit-claims?partnerId=${carrierId}`)).json()) as { items: Claim[] }
    ).items.sort((a, b) => a.carrierCircuitRef!.localeCompare(b.carrierCircuitRef!));
  const totals = async () =>
    (await (await fin('GET', '/api/v1/credit-summary')).json()) as {
      totals: { partnerId: string; [k: string]: unknown }[];
      ageing: { partnerId: string; bucket: string; claims: number; amountMinor: number }[];
    };

  beforeAll(async () => {
    platform = await createTestPlatform({ now: () => new Date('2026-12-04T10:00:00.000Z') });
    // Three breaches overrunning 3, 2 and 1 started hours: £45.00, £30.00 and £15.00.
    carrierId = (await finalizedBreaches(platform, '2026-10', [3, 2, 1])).carrier.id;
  }, 60_000);
  afterAll(() => platform?.close());

  it('lists the final month’s lines as owed, with the carrier’s order and circuit references', async () => {
    const res = await fin('GET', `/api/v1/credit-lines?month=2026-10&partnerId=${carrierId}`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: { amountMinor: number; claimState: string; carrierOrderRef: string; carrierCircuitRef: string }[];
    };
    expect(items.map((l) => [l.amountMinor, l.claimState, l.carrierOrderRef, l.carrierCircuitRef])).toEqual([
      [4500, 'owed', 'PO-1', 'CCT-1'],
      [3000, 'owed', 'PO-2', 'CCT-2'],
      [1500, 'owed', 'PO-3', 'CCT-3'],
    ]);
  });

  it('the month’s CSV carries the carrier’s circuit reference beside each line', async () => {
    const res = await fin('GET', `/api/v1/reports/penalties/2026-10.csv?partnerId=${carrierId}`);
    const rows = Papa.parse<Record<string, string>>((await res.text()).replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => [r.partner_reference, r.carrier_circuit_ref])).toEqual([
      ['PO-1', 'CCT-1'],
      ['PO-2', 'CCT-2'],
      ['PO-3', 'CCT-3'],
    ]);
  });

  it('refuses other roles, bad input (naming the field) and months that are not final, changing nothing', async () => {
    const body = { month: '2026-10', partnerId: carrierId, claimReference: 'CLM-OCT', claimedOn: '2026-11-02' };
    expect(
      (await platform.request('POST', '/api/v1/credit-claims', { key: platform.keys.desk, json: body })).status,
    ).toBe(403);
    const partnerKey = await platform.newKey('partner', carrierId);
    expect((await platform.request('GET', '/api/v1/credit-summary', { key: partnerKey })).status).toBe(403);
    expect((await importCsv('x', partnerKey)).status).toBe(403);
    const bad = await fin('POST', '/api/v1/credit-claims', { ...body, claimedOn: '2026-13-40' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as Problem).errors!.map((e) => e.path)).toEqual(['claimedOn']);
    const notFinal = await fin('POST', '/api/v1/credit-claims', { ...body, month: '2026-09' });
    expect(notFinal.status).toBe(409);
    const notLine = await fin('POST', '/api/v1/credit-claims', { ...body, lineIds: ['lin_nope'] });
    expect(notLine.status).toBe(422);
    expect(((await notLine.json()) as Problem).errors!.map((e) => e.path)).toEqual(['lineIds']);
    expect(await claims()).toEqual([]);
  });

  it('claims every owed line under one reference; the same claim again answers the same claims', async () => {
    const body = { month: '2026-10', partnerId: carrierId, claimReference: 'CLM-OCT', claimedOn: '2026-11-02' };
    const first = await fin('POST', '/api/v1/credit-claims', body);
    expect(first.status).toBe(201);
    const made = ((await first.json()) as { items: Claim[] }).items.sort((a, b) => b.amountMinor - a.amountMinor);
    expect(made.map((c) => [c.state, c.amountMinor, c.carrierCircuitRef])).toEqual([
      ['claimed', 4500, 'CCT-1'],
      ['claimed', 3000, 'CCT-2'],
      ['claimed', 1500, 'CCT-3'],
    ]);
    const again = await fin('POST', '/api/v1/credit-claims', body);
    expect(again.status).toBe(201);
    const repeated = ((await again.json()) as { items: Claim[] }).items.map((c) => c.id);
    expect(repeated.sort()).toEqual(made.map((c) => c.id).sort());
    const other = await fin('POST', '/api/v1/credit-claims', {
      ...body,
      claimReference: 'CLM-OTHER',
      lineIds: [made[0]!.lineId],
    });
    expect(other.status).toBe(409);
    const summary = await totals();
    expect(summary.totals.find((t) => t.partnerId === carrierId)).toMatchObject({
      owedMinor: 9000,
      claimedMinor: 9000,
      unclaimedMinor: 0,
      receivedMinor: 0,
    });
    // Claimed on 2 November, 32 days before "today" (4 December).
    expect(summary.ageing.filter((a) => a.partnerId === carrierId)).toEqual([
      expect.objectContaining({ bucket: '31-60', claims: 3, amountMinor: 9000 }),
    ]);
  });

  it('records acknowledgement and a dispute, and shows the clock’s instants and events as evidence', async () => {
    const [first, second] = await claims();
    const ack = await fin('POST', `/api/v1/credit-claims/${first!.id}/acknowledge`, { on: '2026-11-05' });
    expect(((await ack.json()) as Claim).state).toBe('acknowledged');
    const dispute = await fin('POST', `/api/v1/credit-claims/${second!.id}/dispute`, {
      on: '2026-11-06',
      reason: 'Carrier says the site was closed',
    });
    expect(((await dispute.json()) as Claim).state).toBe('disputed');
    expect((await fin('POST', `/api/v1/credit-claims/${second!.id}/acknowledge`, { on: '2026-11-07' })).status).toBe(
      409,
    );
    const got = (await (await fin('GET', `/api/v1/credit-claims/${second!.id}`)).json()) as {
      disputeReason: string;
      evidence: { clock: { dueAt: string; finalAt: string; overrunMs: number }; events: { type: string }[] };
    };
    expect(got.disputeReason).toBe('Carrier says the site was closed');
    expect(got.evidence.clock).toMatchObject({
      dueAt: '2026-10-12T10:00:00.000Z',
      finalAt: '2026-10-12T12:00:00.000Z',
      overrunMs: 2 * 3_600_000,
    });
    expect(got.evidence.events.map((e) => e.type)).toEqual(['orderPlaced']);
    expect((await disputeSummary()).find((t) => t.partnerId === carrierId)).toMatchObject({ disputedMinor: 3000 });
  });
  const disputeSummary = async () => (await totals()).totals;

  it('refuses a credit-note file with a bad row, naming it, and changes nothing', async () => {
    const res = await importCsv(
      'credit_note_reference,circuit_reference,amount,currency,date\r\nCN-1,CCT-1,45.00,GBP,2026-11-20\r\nCN-2,CCT-2,12.345,GBP,2026-11-20\r\n',
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as Problem).errors!.map((e) => e.path)).toEqual(['rows.2.amount']);
    expect((await claims()).map((c) => c.state)).toEqual(['acknowledged', 'disputed', 'claimed']);
  });

  it('settles by an imported credit note, flagging short, unexpected and missing credits; a re-import applies nothing', async () => {
    const csv =
      '\uFEFFCredit Note Reference,Circuit Reference,Order Reference,Amount,Currency,Date\r\n' +
      'CN-1,CCT-1,,45.00,GBP,2026-11-20\r\n' +
      'CN-2,,PO-2,20.00,GBP,2026-11-21\r\n' +
      'CN-3,CCT-99,,9.99,GBP,2026-11-21\r\n';
    const res = await importCsv(csv);
    expect(res.status).toBe(201);
    const { result } = (await res.json()) as {
      result: {
        settled: { claimReference: string; receivedMinor: number }[];
        short: { creditNoteReference: string; shortByMinor: number }[];
        unexpected: { creditNoteReference: string; amountMinor: number }[];
        missing: { amountMinor: number }[];
      };
    };
    expect(result.settled.map((s) => s.receivedMinor)).toEqual([4500]);
    expect(result.short.map((s) => [s.creditNoteReference, s.shortByMinor])).toEqual([['CN-2', 1000]]);
    expect(result.unexpected.map((u) => [u.creditNoteReference, u.amountMinor])).toEqual([['CN-3', 999]]);
    expect(result.missing.map((m) => m.amountMinor)).toEqual([1500]);
    const after = await claims();
    expect(after.map((c) => [c.state, (c as { receivedMinor?: number }).receivedMinor])).toEqual([
      ['settled', 4500],
      ['settled', 2000],
      ['claimed', null],
    ]);

    const again = (await (await importCsv(csv)).json()) as {
      result: { alreadyApplied: unknown[]; settled: unknown[] };
    };
    expect(again.result.settled).toEqual([]);
    expect(again.result.alreadyApplied).toHaveLength(2);

    const writeOff = await fin('POST', `/api/v1/credit-claims/${after[2]!.id}/write-off`, {
      on: '2026-12-01',
      reason: 'Below the carrier’s minimum credit',
    });
    expect(((await writeOff.json()) as Claim).state).toBe('writtenOff');
    expect(
      (await fin('POST', `/api/v1/credit-claims/${after[0]!.id}/dispute`, { on: '2026-12-01', reason: 'x' })).status,
    ).toBe(409);
    const summary = await totals();
    expect(summary.totals.find((t) => t.partnerId === carrierId)).toMatchObject({
      owedMinor: 9000,
      claimedMinor: 9000,
      disputedMinor: 0,
      receivedMinor: 6500,
      writtenOffMinor: 1500,
    });
    expect(summary.ageing.filter((a) => a.partnerId === carrierId)).toEqual([]);
  });
});
