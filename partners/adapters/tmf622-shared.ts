import { z } from 'zod';
import { orderStates, type OrderState } from '../orders/states.js';
import { PartnerUnavailableError } from './errors.js';
import type { PartnerMapping, TailOrderForPartner } from './types.js';

/** Vocabulary shared by the TMF622 v4 and v5 mappers: what we send is the same, only the JSON shape differs. */

/** Our party at the carrier: by default Tailgate itself. */
export const tailgateParty = { id: 'tailgate', name: 'Tailgate' } as const;
/** Our party as a carrier that knows us by an account id of its own (the partner's `buyerAccountId`) expects it. */
export const buyerParty = (buyerAccountId: string | undefined) => ({
  id: buyerAccountId ?? tailgateParty.id,
  name: tailgateParty.name,
});
/** Author of the notes we write, so that mapping back can tell the carrier's notes from our own. */
export const ourNoteAuthor = 'Tailgate';
export const installationAddressRole = 'installationAddress';
/** v5 externalId entries name their owner and kind; the lookup accepts any entry with our id. */
export const externalIdOwner = 'Tailgate';
export const externalIdType = 'tailOrderId';

export const productOfferingIdFor = (mapping: PartnerMapping, productCode: string) =>
  mapping.productCodeMap[productCode] ?? productCode;
export const bandwidthCharacteristicName = (mapping: PartnerMapping) =>
  mapping.bandwidthCharacteristic ?? 'bandwidthMbps';
export const buyerRoleName = (mapping: PartnerMapping) => mapping.buyerRole ?? 'Buyer';
export const contactRoleName = (mapping: PartnerMapping) => mapping.contactRole ?? 'Contact';

export function orderDescription(order: TailOrderForPartner): string {
  return `${order.bandwidthMbps} Mbps tail circuit to ${order.site.postcode} (desk reference ${order.deskReference})`;
}

/** TMF dates are date-times; our requested date is a calendar day, sent as its start in UTC. */
export function toTmfDateTime(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date;
}

/** The texts we attach as notes: the desk's note and the site contact (RelatedParty refs cannot carry e-mail or phone). */
export function ourNoteTexts(order: TailOrderForPartner): string[] {
  const { name, email, phone } = order.contact;
  const contact = `Site contact: ${name}, ${email}${phone ? `, ${phone}` : ''}`;
  return order.note ? [order.note, contact] : [contact];
}

/** GeographicAddress attributes common to v4 and v5 (TMF673 names). */
export function geographicAddressFields(site: TailOrderForPartner['site']) {
  return {
    ...(site.addressId ? { id: site.addressId } : {}),
    streetName: site.line1,
    ...(site.line2 ? { locality: site.line2 } : {}),
    city: site.city,
    postcode: site.postcode,
    country: site.countryCode,
  };
}

const knownStates = new Set<string>(orderStates);

/**
 * v5 adds `draft` (never requested by us, so treated as not yet acknowledged work) and `inProgress.accepted`
 * (a sub-state of inProgress). Anything else unknown is a carrier fault we cannot interpret.
 */
export function toOrderState(raw: string): OrderState {
  if (knownStates.has(raw)) return raw as OrderState;
  if (raw === 'draft') return 'acknowledged';
  if (raw.startsWith('inProgress.')) return 'inProgress';
  throw new PartnerUnavailableError(`carrier reported an unknown ProductOrder state "${raw}"`);
}

export const carrierNoteSchema = z.object({
  text: z.string().optional(),
  author: z.string().optional(),
  date: z.string().optional(),
});
export const carrierErrorMessageSchema = z.object({ reason: z.string().optional(), message: z.string().optional() });

/** The carrier's explanation, most specific first: an error message, a state reason, then its latest note. */
export function carrierExplanation(parts: {
  errorMessages?: Array<z.infer<typeof carrierErrorMessageSchema>> | undefined;
  stateReason?: string | undefined;
  notes?: Array<z.infer<typeof carrierNoteSchema>> | undefined;
}): string | undefined {
  const error = parts.errorMessages?.at(-1);
  const errorText = error && [error.reason, error.message].filter(Boolean).join(': ');
  if (errorText) return errorText;
  if (parts.stateReason) return parts.stateReason;
  const theirs = (parts.notes ?? []).filter((n) => n.text && n.author !== ourNoteAuthor);
  return theirs.at(-1)?.text;
}
