import { afterAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from './support/platform.js';
import { loadTmfSpec } from './support/tmf-spec.js';

const spec = loadTmfSpec('TMF673-GeographicAddress-v4.0.1.swagger.json');
const platform = await createTestPlatform();
afterAll(() => platform.close());

const url = '/tmf-api/geographicAddressManagement/v4/geographicAddressValidation';
type Validation = {
  validationResult: string;
  state: string;
  validGeographicAddress?: Record<string, unknown>;
  alternateGeographicAddress?: unknown[];
};

/** Posts a request that must itself be spec-valid, and checks the answer against the spec too. */
async function validate(submittedGeographicAddress: Record<string, unknown>, provideAlternative = false) {
  const request = { provideAlternative, submittedGeographicAddress, '@type': 'GeographicAddressValidation' };
  spec.assertValid('GeographicAddressValidation_Create', request);
  const res = await platform.request('POST', url, { json: request, key: platform.keys.desk });
  expect(res.status).toBe(201);
  const body = (await res.json()) as Validation;
  spec.assertValid('GeographicAddressValidation', body);
  expect(body.state).toBe('done');
  return body;
}

describe('POST geographicAddressValidation (TMF673 v4)', () => {
  it('succeeds for a complete address and returns it normalised', async () => {
    const body = await validate({
      '@type': 'GeographicAddress',
      streetNr: '10',
      streetName: 'Downing',
      streetType: 'Street',
      city: 'London',
      postcode: 'sw1a2aa',
      country: 'United Kingdom',
    });
    expect(body.validationResult).toBe('success');
    expect(body.validGeographicAddress).toMatchObject({
      postcode: 'SW1A 2AA',
      country: 'GB',
      streetName: 'Downing',
      city: 'London',
    });
  });

  it('is partial when the postcode is valid but the street or city is missing', async () => {
    const body = await validate({ postcode: '100011234', country: 'US' }, true);
    expect(body.validationResult).toBe('partial');
    expect(body.validGeographicAddress).toMatchObject({ postcode: '10001-1234', country: 'US' });
    expect(body.alternateGeographicAddress).toEqual([]);
  });

  it.each([
    [{ postcode: 'SW1A 1AAA', country: 'GB', streetName: 'Mall', city: 'London' }],
    [{ postcode: '75001', country: 'FR', streetName: 'Rue de Rivoli', city: 'Paris' }],
    [{ country: 'GB', streetName: 'Mall', city: 'London' }],
  ])('fails (without an error status) for %j', async (address) => {
    const body = await validate(address);
    expect(body.validationResult).toBe('fail');
    expect(body.validGeographicAddress).toBeUndefined();
  });

  it('answers 400 (TMF630) naming the field for a malformed payload', async () => {
    const res = await platform.request('POST', url, { json: { submittedGeographicAddress: { postcode: 12 } } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const paths = ((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['provideAlternative', 'submittedGeographicAddress.postcode']));
  });

  it('refuses partner and finance keys (403) and anonymous callers (401)', async () => {
    const partner = await platform.createPartner();
    const json = { provideAlternative: false, submittedGeographicAddress: { postcode: 'SW1A 2AA', country: 'GB' } };
    expect((await platform.request('POST', url, { json, key: partner.key })).status).toBe(403);
    expect((await platform.request('POST', url, { json, key: platform.keys.finance })).status).toBe(403);
    expect((await platform.request('POST', url, { json, key: null })).status).toBe(401);
  });

  it('has a spec validator that does reject what the spec forbids', () => {
    expect(spec.validate('GeographicAddressValidation_Create', { submittedGeographicAddress: {} }).valid).toBe(false);
    expect(spec.validate('GeographicAddressValidation', { state: 'finished' }).valid).toBe(false);
  });
});
