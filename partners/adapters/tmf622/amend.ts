import { ourNoteAuthor } from '../carrier-notes.js';
import type { TailOrderForPartner } from './types.js';
import type { PartnerMapping } from './types.js';
import { productOrderCreateV4, productOrderFvoV5 } from './write.js';

/**
 * Changes to an order in flight, as TMF622 carries them: a merge patch of the carrier's ProductOrder (v4
 * ProductOrder_Update, v5 ProductOrder_MVO), or a modification order (a new ProductOrder whose item modifies the
 * product, referring to the original: in v5 by `orderRelationship`, in v4, which has none, by its description and an
 * externalId built from ours). A note alone (an answer to a carrier waiting on us) is a patch with the note.
 */

/** What an amendment changes, with the order as amended (every field, the changed ones new). */
export type OrderAmendmentForPartner = {
  order: TailOrderForPartner;
  changed: { requestedCompletionDate: boolean; bandwidthMbps: boolean; contact: boolean };
  /** Our request's id: a modification order's externalId is `<our order id>:amend:<request id>`. */
  requestId: string;
  /** The change in words, for the carrier's notes: `requested completion date 2027-02-01; bandwidth 1000 Mbps`. */
  summary: string;
};

export const modificationExternalId = (a: OrderAmendmentForPartner) => `${a.order.externalId}:amend:${a.requestId}`;

const contactNote = (a: OrderAmendmentForPartner) => {
  const { name, email, phone } = a.order.contact;
  return `Site contact: ${name}, ${email}${phone ? `, ${phone}` : ''}`;
};
const amendmentNotes = (a: OrderAmendmentForPartner) => [
  `Amendment ${a.requestId}: ${a.summary}`,
  ...(a.changed.contact ? [contactNote(a)] : []),
];

/** v4 ProductOrder_Update: only what changed, the item always (the update requires it), modified or not. */
export function amendmentPatchV4(a: OrderAmendmentForPartner, mapping: PartnerMapping) {
  const full = productOrderCreateV4(a.order, mapping);
  return {
    ...(a.changed.requestedCompletionDate && { requestedCompletionDate: full.requestedCompletionDate }),
    ...(a.changed.contact && { relatedParty: full.relatedParty }),
    note: amendmentNotes(a).map((text) => ({ author: ourNoteAuthor, text })),
    productOrderItem: full.productOrderItem.map((item) =>
      a.changed.bandwidthMbps ? { ...item, action: 'modify' as const } : { id: item.id, action: 'noChange' as const },
    ),
    '@type': 'ProductOrder',
  };
}

/** v5 ProductOrder_MVO: only what changed, the item when its product changed. */
export function amendmentPatchV5(a: OrderAmendmentForPartner, mapping: PartnerMapping) {
  const full = productOrderFvoV5(a.order, mapping);
  return {
    '@type': 'ProductOrder',
    ...(a.changed.requestedCompletionDate && { requestedCompletionDate: full.requestedCompletionDate }),
    ...(a.changed.contact && { relatedParty: full.relatedParty }),
    ...(a.changed.bandwidthMbps && {
      productOrderItem: full.productOrderItem.map((item) => ({ ...item, action: 'modify' as const })),
    }),
    note: amendmentNotes(a).map((text) => ({ '@type': 'Note', author: ourNoteAuthor, text })),
  };
}

const modificationDescription = (a: OrderAmendmentForPartner, partnerOrderId: string) =>
  `Amendment of productOrder ${partnerOrderId} (desk reference ${a.order.deskReference}): ${a.summary}`;

/** v4 ProductOrder_Create modifying the original order's product. */
export function modificationOrderV4(a: OrderAmendmentForPartner, partnerOrderId: string, mapping: PartnerMapping) {
  const full = productOrderCreateV4(a.order, mapping);
  return {
    ...full,
    externalId: modificationExternalId(a),
    description: modificationDescription(a, partnerOrderId),
    note: [...full.note, ...amendmentNotes(a).map((text) => ({ author: ourNoteAuthor, text }))],
    productOrderItem: full.productOrderItem.map((item) => ({ ...item, action: 'modify' as const })),
  };
}

/** v5 ProductOrder_FVO modifying the original order's product, related to it as `amends`. */
export function modificationOrderV5(
  a: OrderAmendmentForPartner,
  partnerOrderId: string,
  mapping: PartnerMapping,
  originalHref?: string,
) {
  const full = productOrderFvoV5(a.order, mapping);
  return {
    ...full,
    externalId: full.externalId.map((e) => ({ ...e, id: modificationExternalId(a) })),
    description: modificationDescription(a, partnerOrderId),
    note: [...full.note, ...amendmentNotes(a).map((text) => ({ '@type': 'Note', author: ourNoteAuthor, text }))],
    orderRelationship: [
      {
        '@type': 'OrderRelationship',
        relationshipType: 'amends',
        id: partnerOrderId,
        ...(originalHref ? { href: originalHref } : {}),
        '@referredType': 'ProductOrder',
      },
    ],
    productOrderItem: full.productOrderItem.map((item) => ({ ...item, action: 'modify' as const })),
  };
}

/** A note for the carrier (an answer to its question, or any word from the desk), as a patch. */
export const notePatchV4 = (text: string) => ({
  note: [{ author: ourNoteAuthor, text }],
  productOrderItem: [{ id: '1', action: 'noChange' as const }],
  '@type': 'ProductOrder',
});
export const notePatchV5 = (text: string) => ({
  '@type': 'ProductOrder',
  note: [{ '@type': 'Note', author: ourNoteAuthor, text }],
});
