import { inspect } from 'node:util';
import type { AuthScheme } from '../../openapi/adapter-settings.js';
import { PartnerUnavailableError } from './errors.js';

/**
 * Partner credentials come from configuration (api/env.ts): each environment variable `PARTNER_SECRET_<NAME>` is the
 * secret `<NAME>`. A partner's `credentialsRef` names its secret; the name is the reference upper-cased with every
 * character other than A-Z and 0-9 replaced by `_`, so credentialsRef `acme-prod` is `PARTNER_SECRET_ACME_PROD`.
 */
export const partnerSecretPrefix = 'PARTNER_SECRET_';

export const secretNameFor = (credentialsRef: string) => credentialsRef.toUpperCase().replace(/[^A-Z0-9]/g, '_');

export const secretEnvVarFor = (credentialsRef: string) => `${partnerSecretPrefix}${secretNameFor(credentialsRef)}`;

/** Secret name -> value. Serialised or printed (a logged config, say), it shows the names and never a value. */
export class PartnerSecrets extends Map<string, string> {
  toJSON(): Record<string, string> {
    return Object.fromEntries([...this.keys()].map((name) => [name, '[redacted]']));
  }

  [inspect.custom](): string {
    return `PartnerSecrets(${[...this.keys()].join(', ')})`;
  }
}

/**
 * The secrets among configuration variables (api/env.ts passes its environment). `issues` name the variable,
 * never its value: a name that no credentialsRef can map to, or an empty or multi-line value.
 */
export function partnerSecretsFrom(variables: Record<string, string | undefined>): {
  secrets: PartnerSecrets;
  issues: string[];
} {
  const secrets = new PartnerSecrets();
  const issues: string[] = [];
  for (const [key, raw] of Object.entries(variables)) {
    if (!key.startsWith(partnerSecretPrefix)) continue;
    const name = key.slice(partnerSecretPrefix.length);
    const value = raw?.trim() ?? '';
    if (!/^[A-Z0-9_]+$/.test(name))
      issues.push(
        `${key}: the name must be A-Z, 0-9 and _ (credentialsRef acme-prod is ${secretEnvVarFor('acme-prod')})`,
      );
    else if (!value || /[\r\n]/.test(value)) issues.push(`${key}: must be one non-empty line`);
    else secrets.set(name, value);
  }
  return { secrets, issues };
}

/** The header a carrier call carries its credentials in, and its value. */
export type CarrierAuth = { name: string; value: string };

/** How a partner's secret is sent (`adapter.authScheme`, openapi/partners.ts says what each means). */
export type AuthSettings = { authScheme?: AuthScheme | undefined; authHeaderName?: string | undefined };

/**
 * The header for a secret, by scheme. `authorization` (the default): a value with a space is already a whole
 * Authorization value (`Bearer abc`, `Basic ...`), a bare token is a bearer token. `basic`: the secret is
 * `user:password`, sent as HTTP Basic. `header`: the secret as it is, in the header `authHeaderName` names.
 */
export function authFor(secret: string, settings: AuthSettings = {}): CarrierAuth {
  switch (settings.authScheme ?? 'authorization') {
    case 'basic':
      return { name: 'authorization', value: `Basic ${Buffer.from(secret, 'utf8').toString('base64')}` };
    case 'header':
      return { name: (settings.authHeaderName ?? 'x-api-key').toLowerCase(), value: secret };
    default:
      return { name: 'authorization', value: secret.includes(' ') ? secret : `Bearer ${secret}` };
  }
}

/**
 * The credentials header for a partner's calls; undefined when it has no credentialsRef. A reference to a secret that
 * is not configured fails like an unreachable carrier (retried, then a desk task) and says which variable to set.
 */
export function partnerAuth(
  partner: { id: string; adapter: AuthSettings & { credentialsRef?: string | undefined } },
  secrets: ReadonlyMap<string, string>,
): CarrierAuth | undefined {
  const ref = partner.adapter.credentialsRef?.trim();
  if (!ref) return undefined;
  const secret = secrets.get(secretNameFor(ref));
  if (secret === undefined) {
    throw new PartnerUnavailableError(
      `partner ${partner.id}: credentials "${ref}" are not configured (set ${secretEnvVarFor(ref)})`,
    );
  }
  return authFor(secret, partner.adapter);
}
