import { createHash } from 'node:crypto';
import type { Partner } from '../../openapi/partners.js';

/**
 * What a certification run certifies: which APIs at which versions, where, with which credentials (and how they are
 * sent) and how they notify.
 * A run stands for these settings only; change one and the partner needs a new passing run before it is activated
 * again. Mappings (product codes, state maps, custom fields) are not part of it: an active partner may change how
 * Tailgate words its requests without a new run, and a new run checks the new wording against the spec.
 */
export function adapterFingerprint(partner: Pick<Partner, 'adapter'>): string {
  const {
    orderingApi,
    troubleTicketApi,
    qualificationApi,
    baseUrl,
    credentialsRef,
    notifications,
    authScheme,
    authHeaderName,
  } = partner.adapter;
  const certified = [orderingApi, troubleTicketApi, baseUrl ?? null, credentialsRef ?? null, notifications];
  // Added after runs were stored: appended only when set, so the fingerprints of those runs stay as they were.
  if (authScheme !== undefined) certified.push(authScheme, authHeaderName ?? null);
  if (qualificationApi !== undefined && qualificationApi !== 'none') certified.push(qualificationApi);
  return createHash('sha256').update(JSON.stringify(certified)).digest('hex').slice(0, 32);
}

/** Whether the partner has an API of its own to certify (else it pulls its work from Tailgate's TMF servers). */
export const hasCarrierApi = (partner: Pick<Partner, 'adapter'>) =>
  !!partner.adapter.baseUrl &&
  (partner.adapter.orderingApi !== 'none' ||
    partner.adapter.troubleTicketApi !== 'none' ||
    (partner.adapter.qualificationApi ?? 'none') !== 'none');
