import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCertify } from '../cli/certify.js';
import type { RunningSimulator } from '../partners/simulator/server.js';
import { capturedIo, startSandbox, testCertificationSettings } from './support/sandbox.js';
import { partnerInput } from './support/factories.js';
import { testOutbound } from './support/outbound.js';
import { createTestPlatform, type TestPlatform } from './support/platform.js';

describe('certification through the API and the CLI, and activation', () => {
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

  const adapter = () => ({ orderingApi: 'tmf622-v5', troubleTicketApi: 'tmf621-v5', baseUrl: sim.apiRoot });
  const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

  it('refuses to activate an uncertified carrier, certifies it, then activates it on that ground', async () => {
    const created = await platform.request('POST', '/api/v1/partners', {
      json: partnerInput({ status: 'onboarding', adapter: adapter() }),
    });
    expect(created.status).toBe(201);
    const { id } = await json(created);

    const early = await platform.request('PATCH', `/api/v1/partners/${id}`, { json: { status: 'active' } });
    expect(early.status).toBe(422);
    expect((await json(early)).errors).toEqual([expect.objectContaining({ path: 'status' })]);
    expect((await json(await platform.request('GET', `/api/v1/partners/${id}`))).status).toBe('onboarding');

    const run = await platform.request('POST', `/api/v1/partners/${id}/certifications`);
    expect(run.status).toBe(201);
    const report = await json(run);
    expect(report).toMatchObject({ outcome: 'passed', summary: { failed: 0, skipped: 0 } });
    expect(run.headers.get('location')).toBe(`/api/v1/partners/${id}/certifications/${report.id}`);

    const activated = await platform.request('PATCH', `/api/v1/partners/${id}`, { json: { status: 'active' } });
    expect(activated.status).toBe(200);
    const activations = await platform.request('GET', `/api/v1/partners/${id}/activations`);
    expect(await activations.json()).toEqual([
      expect.objectContaining({ ground: 'certified', certificationId: report.id, overrideReason: null }),
    ]);

    // How the credentials are sent is part of what was certified too.
    const rekeyed = { adapter: { ...adapter(), authScheme: 'basic' } };
    expect((await platform.request('PATCH', `/api/v1/partners/${id}`, { json: rekeyed })).status).toBe(422);
    // New adapter settings are not what was certified: activating them needs a new run or an override.
    const moved = { adapter: { ...adapter(), baseUrl: `${sim.url}/other/tmf-api` } };
    const refused = await platform.request('PATCH', `/api/v1/partners/${id}`, { json: moved });
    expect(refused.status).toBe(422);
    const overridden = await platform.request('PATCH', `/api/v1/partners/${id}`, {
      json: { ...moved, activationOverride: { reason: 'carrier moved its sandbox; certified by phone' } },
    });
    expect(overridden.status).toBe(200);
    const history = (await (await platform.request('GET', `/api/v1/partners/${id}/activations`)).json()) as unknown[];
    expect(history[0]).toMatchObject({
      ground: 'override',
      overrideReason: 'carrier moved its sandbox; certified by phone',
    });
  });

  it('shows a run to admins and to that carrier only, as JSON and as a page', async () => {
    const carrier = await platform.createPartner({ adapter: adapter() });
    const other = await platform.createPartner({ adapter: adapter() });
    const report = await json(await platform.request('POST', `/api/v1/partners/${carrier.id}/certifications`));
    const path = `/api/v1/partners/${carrier.id}/certifications`;

    const own = await platform.request('GET', `${path}/${report.id}`, { key: carrier.key });
    expect(own.status).toBe(200);
    expect((await json(own)).checks).toEqual(report.checks);
    const listed = (await (await platform.request('GET', path, { key: carrier.key })).json()) as unknown[];
    expect(listed[0]).toMatchObject({ id: report.id, outcome: 'passed' });
    const page = await platform.request('GET', `${path}/${report.id}/page`, { key: carrier.key });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain(`Certification of ${carrier.name}: passed`);

    expect((await platform.request('GET', `${path}/${report.id}`, { key: other.key })).status).toBe(404);
    expect((await platform.request('GET', `${path}/${report.id}`, { key: platform.keys.desk })).status).toBe(403);
    expect((await platform.request('POST', path, { key: carrier.key })).status).toBe(403);
    expect((await platform.request('GET', `${path}/cert_unknown`)).status).toBe(404);
  });

  it('creates a carrier active only with an override, or when it has no API to certify', async () => {
    const refused = await platform.request('POST', '/api/v1/partners', {
      json: partnerInput({ status: 'active', adapter: adapter() }),
    });
    expect(refused.status).toBe(422);
    const pulling = await platform.request('POST', '/api/v1/partners', {
      json: partnerInput({ status: 'active', adapter: { orderingApi: 'none' } }),
    });
    expect(pulling.status).toBe(201);
    const { id } = await json(pulling);
    expect(await (await platform.request('GET', `/api/v1/partners/${id}/activations`)).json()).toEqual([
      expect.objectContaining({ ground: 'noApi' }),
    ]);
    expect((await platform.request('POST', `/api/v1/partners/${id}/certifications`)).status).toBe(409);
  });

  it('certifies from the command line, printing each check', async () => {
    const carrier = await platform.createPartner({ status: 'onboarding', adapter: adapter() });
    const { io, written } = capturedIo();
    const deps = {
      db: () => platform.db,
      outbound: testOutbound,
      partnerSecrets: new Map<string, string>(),
      settings: testCertificationSettings,
    };
    expect(await runCertify([carrier.id], deps, io)).toBe(0);
    expect(written()).toMatch(/^pass {2}tmf622\.list-fields /m);
    expect(written()).toMatch(new RegExp(`^PASSED: ${carrier.name}, run cert_`, 'm'));
    expect(await runCertify([], deps, io)).toBe(2);
  });

  it('onboards a carrier in one request, stopping at the first step that fails', async () => {
    const policy = fs.readFileSync(
      path.join(import.meta.dirname, '../sla-rules/templates/uk-ethernet-carrier.yaml'),
      'utf8',
    );
    const header =
      'location_key,product_code,bandwidth_mbps,access_type,install_charge,monthly_charge,currency,lead_time_days';
    const onboarding = (name: string, coverageCsv: string) => ({
      partner: { ...partnerInput({ name, adapter: adapter() }), status: undefined },
      coverageCsv,
      olaPolicy: policy,
    });
    const done = await platform.request('POST', '/api/v1/partner-onboardings', {
      json: onboarding('One Request Fibre', `${header}\nSW1A 1AA,ETH-100,100,on-net,450.00,300.00,GBP,30\n`),
    });
    expect(done.status).toBe(201);
    const outcome = await json(done);
    expect(outcome).toMatchObject({ activated: true, certificationId: expect.stringMatching(/^cert_/) });
    expect((outcome.steps as { outcome: string }[]).map((s) => s.outcome)).toEqual(Array(5).fill('done'));
    expect(done.headers.get('location')).toBe(`/api/v1/partners/${outcome.partnerId}`);
    expect((await json(await platform.request('GET', `/api/v1/partners/${outcome.partnerId}`))).status).toBe('active');

    const stopped = await json(
      await platform.request('POST', '/api/v1/partner-onboardings', {
        json: onboarding('Bad Coverage Fibre', `${header}\nNOT A POSTCODE,ETH-100,100,on-net,450.00,300.00,GBP,30\n`),
      }),
    );
    expect(stopped.activated).toBe(false);
    expect((stopped.steps as { step: string; outcome: string }[]).map((s) => `${s.step}:${s.outcome}`)).toEqual([
      'partner:done',
      'coverage:failed',
      'policy:skipped',
      'certification:skipped',
      'activation:skipped',
    ]);
    expect((await json(await platform.request('GET', `/api/v1/partners/${stopped.partnerId}`))).status).toBe(
      'onboarding',
    );

    const desk = await platform.request('POST', '/api/v1/partner-onboardings', {
      key: platform.keys.desk,
      json: onboarding('Desk Fibre', `${header}\n`),
    });
    expect(desk.status).toBe(403);
    const invalid = await platform.request('POST', '/api/v1/partner-onboardings', { json: { coverageCsv: 'x' } });
    expect(invalid.status).toBe(422);
    expect((await json(invalid)).errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'partner' })]),
    );
  });
});
