import type { PartnerCreate } from '../../openapi/partners.js';
import type { Deps } from '../context.js';
import { ApiError } from '../errors.js';

/**
 * Refuses (422, each field named) URLs Tailgate may not call: one whose host is, or resolves to, a loopback,
 * private, link-local or metadata address not on the allow-list (OUTBOUND_ALLOW). Connections are checked again when
 * made, so a name that resolves elsewhere later is refused then.
 */
export async function refuseForbiddenUrls(
  deps: Deps,
  urls: { path: string; url: string | undefined }[],
): Promise<void> {
  const problems = [];
  for (const { path, url } of urls) {
    const refusal = url === undefined ? undefined : await deps.outbound.refusal(url);
    if (refusal) problems.push({ path, message: `Tailgate does not call this address: ${refusal}` });
  }
  if (problems.length > 0) {
    throw new ApiError('validation_failed', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
}

/** The URLs a partner's settings make Tailgate call: its API root and its escalation webhooks. */
export const partnerUrls = (partner: Partial<Pick<PartnerCreate, 'adapter' | 'escalation'>>) => [
  { path: 'adapter.baseUrl', url: partner.adapter?.baseUrl },
  ...(partner.escalation ?? []).flatMap((contact, i) =>
    contact.channel === 'webhook' ? [{ path: `escalation.${i}.address`, url: contact.address }] : [],
  ),
];
