import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../api/env.js';
import { partnerAuth, partnerSecretsFrom, secretEnvVarFor, secretNameFor } from './credentials.js';
import { PartnerUnavailableError } from './errors.js';

const partner = (credentialsRef?: string, auth: { authScheme?: 'basic' | 'header'; authHeaderName?: string } = {}) => ({
  id: 'prt_1',
  adapter: { credentialsRef, ...auth },
});
const authorization = (value: string) => ({ name: 'authorization', value });

describe('partner credentials', () => {
  it("names a credentialsRef's secret: upper-cased, every non-alphanumeric an underscore", () => {
    expect(secretNameFor('acme-prod')).toBe('ACME_PROD');
    expect(secretEnvVarFor('acme-prod')).toBe('PARTNER_SECRET_ACME_PROD');
    expect(secretNameFor('Northern.Fibre/v2 key')).toBe('NORTHERN_FIBRE_V2_KEY');
    expect(secretNameFor('ALREADY_1')).toBe('ALREADY_1');
  });

  it('reads PARTNER_SECRET_<NAME> variables, trimmed, and nothing else', () => {
    const { secrets, issues } = partnerSecretsFrom({
      PARTNER_SECRET_ACME_PROD: ' tok123 \n',
      PARTNER_SECRET_B: 'Basic dXM6cHc=',
      PORT: '1',
    });
    expect(issues).toEqual([]);
    expect([...secrets]).toEqual([
      ['ACME_PROD', 'tok123'],
      ['B', 'Basic dXM6cHc='],
    ]);
  });

  it('turns a bare token into a bearer header and passes a whole header value through', () => {
    const { secrets } = partnerSecretsFrom({
      PARTNER_SECRET_ACME_PROD: 'tok123',
      PARTNER_SECRET_BASIC: 'Basic dXM6cHc=',
      PARTNER_SECRET_FULL: 'Bearer abc',
    });
    expect(partnerAuth(partner('acme-prod'), secrets)).toEqual(authorization('Bearer tok123'));
    expect(partnerAuth(partner('basic'), secrets)).toEqual(authorization('Basic dXM6cHc='));
    expect(partnerAuth(partner('full'), secrets)).toEqual(authorization('Bearer abc'));
  });

  it('sends user:password as HTTP Basic, and an API key in the header the partner names', () => {
    const { secrets } = partnerSecretsFrom({ PARTNER_SECRET_USER: 'tailgate:s3cr:et', PARTNER_SECRET_KEY: 'k-123' });
    expect(partnerAuth(partner('user', { authScheme: 'basic' }), secrets)).toEqual(
      authorization(`Basic ${Buffer.from('tailgate:s3cr:et').toString('base64')}`),
    );
    expect(partnerAuth(partner('key', { authScheme: 'header', authHeaderName: 'X-API-Key' }), secrets)).toEqual({
      name: 'x-api-key',
      value: 'k-123',
    });
  });

  it('sends no header for a partner without credentials', () => {
    expect(partnerAuth(partner(undefined), new Map())).toBeUndefined();
    expect(partnerAuth(partner('  '), new Map())).toBeUndefined();
  });

  it('fails a partner whose secret is not configured as unavailable, naming the variable to set', () => {
    const call = () => partnerAuth(partner('acme-prod'), new Map([['OTHER', 'x']]));
    expect(call).toThrow(PartnerUnavailableError);
    expect(call).toThrow('partner prt_1: credentials "acme-prod" are not configured (set PARTNER_SECRET_ACME_PROD)');
  });

  it('refuses unusable variables without ever quoting their values', () => {
    const { secrets, issues } = partnerSecretsFrom({
      PARTNER_SECRET_acme: 'hunter2',
      PARTNER_SECRET_EMPTY: '  ',
      PARTNER_SECRET_TWO: 'a\nhunter2',
    });
    expect(secrets.size).toBe(0);
    expect(issues).toHaveLength(3);
    expect(issues.join('\n')).not.toContain('hunter2');
    expect(() => loadEnv({ PARTNER_SECRET_EMPTY: '' })).toThrow(/PARTNER_SECRET_EMPTY: must be one non-empty line/);
  });

  it('keeps secret values out of a printed or serialised configuration', () => {
    const env = loadEnv({ PARTNER_SECRET_ACME_PROD: 'hunter2' });
    expect(env.partnerSecrets.get('ACME_PROD')).toBe('hunter2');
    expect(JSON.stringify(env)).not.toContain('hunter2');
    expect(JSON.stringify(env.partnerSecrets)).toBe('{"ACME_PROD":"[redacted]"}');
    expect(inspect(env, { depth: 5 })).not.toContain('hunter2');
  });
});
