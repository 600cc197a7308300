import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPartner } from '../db/repositories/partners.js';
import type { RunningSimulator } from '../partners/simulator/server.js';
import { startSandbox } from './support/sandbox.js';
import { createTestPlatform, type TestPlatform } from './support/platform.js';

describe('dashboard: partners, certification and activation', () => {
  let platform: TestPlatform;
  let sim: RunningSimulator;
  beforeAll(async () => {
    platform = await createTestPlatform();
    sim = await startSandbox();
  });
  afterAll(async () => {
    await sim.close();
    await platform.close();
  });
  const post = (path: string, body: Record<string, string>, cookie: string) =>
    platform.app.request(path, {
      method: 'POST',
      body: new URLSearchParams(body).toString(),
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
    });

  it('an admin certifies a carrier, reads the report and activates it; without a run it says why not', async () => {
    const carrier = await platform.createPartner({
      name: 'Sandbox Fibre',
      status: 'onboarding',
      adapter: { orderingApi: 'tmf622-v4', troubleTicketApi: 'tmf621-v4', baseUrl: sim.apiRoot },
    });
    const admin = await platform.sessionCookie(platform.keys.admin);
    const list = await (await platform.app.request('/partners', { headers: { cookie: admin } })).text();
    expect(list).toContain('Sandbox Fibre');
    expect(list).toContain('never run');

    const early = await post(`/partners/${carrier.id}/activate`, { overrideReason: '' }, admin);
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('goes active only once certified');
    expect((await getPartner(platform.db, carrier.id))?.status).toBe('onboarding');

    const run = await post(`/partners/${carrier.id}/certify`, {}, admin);
    expect(run.status).toBe(303);
    const reportPage = await (
      await platform.app.request(run.headers.get('location')!, { headers: { cookie: admin } })
    ).text();
    expect(reportPage).toContain('Certification of Sandbox Fibre: passed');
    expect(reportPage).toContain('tmf621.missing-mandatory');

    expect((await post(`/partners/${carrier.id}/activate`, { overrideReason: '' }, admin)).status).toBe(303);
    expect((await getPartner(platform.db, carrier.id))?.status).toBe('active');
    const after = await (
      await platform.app.request(run.headers.get('location')!, { headers: { cookie: admin } })
    ).text();
    expect(after).toMatch(/certified/);
  });

  it('an override activates without a run, and only admins reach the page', async () => {
    const carrier = await platform.createPartner({
      status: 'onboarding',
      adapter: { orderingApi: 'tmf622-v5', baseUrl: sim.apiRoot },
    });
    const admin = await platform.sessionCookie(platform.keys.admin);
    expect((await post(`/partners/${carrier.id}/activate`, { overrideReason: 'short' }, admin)).status).toBe(422);
    const reason = 'Carrier certified on another platform';
    expect((await post(`/partners/${carrier.id}/activate`, { overrideReason: reason }, admin)).status).toBe(303);
    expect((await getPartner(platform.db, carrier.id))?.status).toBe('active');

    const desk = await platform.sessionCookie(platform.keys.desk);
    expect((await platform.app.request('/partners', { headers: { cookie: desk } })).status).toBe(403);
    expect((await post(`/partners/${carrier.id}/certify`, {}, desk)).status).toBe(403);
    expect((await post('/partners/ptn_nope/activate', {}, admin)).status).toBe(404);
  });

  it('onboards a carrier from one form: files in, steps out', async () => {
    const admin = await platform.sessionCookie(platform.keys.admin);
    const form = await (await platform.app.request('/onboard-carrier', { headers: { cookie: admin } })).text();
    expect(form).toContain('enctype="multipart/form-data"');
    const policy = fs.readFileSync(path.join(import.meta.dirname, '../sla-rules/templates/uk-ethernet-carrier.yaml'));
    const header =
      'location_key,product_code,bandwidth_mbps,access_type,install_charge,monthly_charge,currency,lead_time_days';
    const send = (fields: Record<string, string>, coverage: string) => {
      const body = new FormData();
      for (const [k, v] of Object.entries(fields)) body.set(k, v);
      body.set('coverage', new File([coverage], 'coverage.csv', { type: 'text/csv' }));
      body.set('policy', new File([policy], 'policy.yaml', { type: 'application/yaml' }));
      return platform.app.request('/onboard-carrier', {
        method: 'POST',
        body,
        headers: { cookie: admin, origin: 'http://localhost' },
      });
    };
    const fields = {
      name: 'Form Fibre',
      country: 'GB',
      defaultCurrency: 'GBP',
      timeZone: 'Europe/London',
      holidayRegion: 'GB-ENG',
      escalationEmail: 'noc@form-fibre.example',
      adapter: JSON.stringify({ orderingApi: 'tmf622-v4', troubleTicketApi: 'tmf621-v4', baseUrl: sim.apiRoot }),
    };
    const done = await send(fields, `${header}\nSW1A 2AA,ETH-100,100,on-net,450.00,300.00,GBP,30\n`);
    expect(done.status).toBe(200);
    const page = await done.text();
    expect(page).toContain('Onboarded: active');
    expect(page).toMatch(/certification<\/td><td>done/);

    const bad = await send({ ...fields, adapter: '{' }, `${header}\n`);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('adapter: not JSON');
    const privateUrl = JSON.stringify({ orderingApi: 'tmf622-v4', baseUrl: 'http://10.1.2.3/tmf-api' });
    const refused = await send({ ...fields, name: 'Private Fibre', adapter: privateUrl }, `${header}\n`);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('adapter.baseUrl: Tailgate does not call this address');
    const listed = (await (await platform.request('GET', '/api/v1/partners?limit=100')).json()) as {
      items: { name: string }[];
    };
    expect(listed.items.map((p) => p.name)).toContain('Form Fibre');
    expect(listed.items.map((p) => p.name)).not.toContain('Private Fibre');
    const invalid = await send({ ...fields, timeZone: 'Mars/Olympus_Mons' }, `${header}\n`);
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).toContain('id="f-timeZone-error"');
  });
});
