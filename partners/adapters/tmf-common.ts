import { z } from 'zod';
import { carrierRequest, readCarrierBody, type CarrierHttpSettings } from './http.js';

/**
 * What the TMF622 and TMF621 families say the same way: who we are, how our id travels as an external identifier,
 * and how a carrier's hub (event subscription) is registered.
 */

/** Our party at the carrier: by default Tailgate itself, or the account id the carrier knows us by. */
export const buyerParty = (buyerAccountId: string | undefined) => ({
  id: buyerAccountId ?? 'tailgate',
  name: 'Tailgate',
});

/** v5 externalId / externalIdentifier entries name their owner; lookups accept any entry with our id. */
export const externalIdOwner = 'Tailgate';

export const externalIdentifierSchema = z.object({ id: z.string().optional(), owner: z.string().optional() });
type ExternalIdentifier = z.infer<typeof externalIdentifierSchema>;

/** Our id as the carrier echoes it: a v4 string, or among v5 identifiers the entry we own, else any entry. */
export function ourIdAmong(ids: string | readonly ExternalIdentifier[] | undefined): string | undefined {
  if (typeof ids === 'string' || ids === undefined) return ids;
  return (ids.find((e) => e.owner === externalIdOwner) ?? ids[0])?.id;
}

/** Whether the carrier's copy carries `id` as an external id (v4 string, or any v5 entry). */
export function hasExternalId(ids: string | readonly ExternalIdentifier[] | undefined, id: string): boolean {
  return typeof ids === 'string' ? ids === id : (ids ?? []).some((e) => e.id === id);
}

/** Relates a party by reference; v5 wraps the ref in RelatedPartyRefOrPartyRoleRef.partyOrPartyRole. */
export const relatedPartyRefV5 = (role: string, id: string, name: string, referredType: string) => ({
  '@type': 'RelatedPartyRefOrPartyRoleRef',
  role,
  partyOrPartyRole: { '@type': 'PartyRef', id, name, '@referredType': referredType },
});

export type TmfVersion = 'v4' | 'v5';

/** EventSubscriptionInput (v4) or Hub_FVO (v5) pointing the carrier's notifications at our listener. */
export const hubRequest = (version: TmfVersion, callbackUrl: string) =>
  version === 'v4' ? { callback: callbackUrl } : { '@type': 'Hub', callback: callbackUrl };

const hubSchema = z.object({ id: z.union([z.string(), z.number()]).transform(String) });

/** Registers our listener at a carrier API's `hub` (TMF630 notification subscription); answers the hub's id. */
export async function registerHub(
  http: CarrierHttpSettings,
  hubUrl: string,
  version: TmfVersion,
  callbackUrl: string,
): Promise<{ hubId: string }> {
  const answer = await carrierRequest(http, 'POST', hubUrl, hubRequest(version, callbackUrl));
  return { hubId: readCarrierBody(hubSchema, answer, `POST ${hubUrl}`).id };
}

/** Withdraws a hub registration (TMF630 DELETE /hub/{id}). */
export async function unregisterHub(http: CarrierHttpSettings, hubUrl: string, hubId: string): Promise<void> {
  await carrierRequest(http, 'DELETE', `${hubUrl}/${encodeURIComponent(hubId)}`);
}

/** A carrier instant as UTC ISO-8601; undefined for one that is absent or not a date. */
export const carrierInstant = z
  .string()
  .optional()
  .catch(undefined)
  .transform((s) => {
    const ms = s === undefined ? Number.NaN : Date.parse(s);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  });

/** Earliest first: if a retried create did leave two behind at the carrier, the first is the one we keep using. */
export const byCreation = (
  a: { creationDate?: string | undefined; orderDate?: string | undefined },
  b: { creationDate?: string | undefined; orderDate?: string | undefined },
) => (a.orderDate ?? a.creationDate ?? '').localeCompare(b.orderDate ?? b.creationDate ?? '');
