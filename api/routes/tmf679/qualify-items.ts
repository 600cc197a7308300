import type { Db } from '../../../db/client.js';
import { newTimeOrderedId } from '../../../db/ids.js';
import { insertOfferingQualification } from '../../../db/repositories/offering-qualifications.js';
import type { OfferingQualificationItem } from '../../../db/schema.js';
import type { Qualification } from '../../../openapi/qualification.js';
import type { MappedItem } from '../../../partners/adapters/tmf679/read.js';
import {
  noSite,
  tmfOfferingQualificationOf,
  tmfQualificationOf,
  type Tmf679Source,
} from '../../../partners/adapters/tmf679/write.js';
import { QUALIFICATION_VALIDITY_DAYS, qualifyGrouped } from '../../../partners/directory/qualification-service.js';
import type { LiveQualificationDeps } from '../../../partners/directory/live-qualification.js';
import { invalidFields } from '../qualifications/invalid-fields.js';

type Placed = Extract<MappedItem, { kind: 'placed' }>;
type Asked = { requestedBy: string; now: Date; live?: LiveQualificationDeps };

/** Qualifies one item as our qualification service does, stored with what TMF679 shows of it (`source`). */
async function qualifyItem(db: Db, item: Placed, asked: Asked, partOf?: string): Promise<Qualification> {
  const source: Tmf679Source = {
    api: 'tmf679',
    itemId: item.itemId,
    productOfferingId: item.productOfferingId,
    ...(partOf ? { partOf } : {}),
  };
  const outcome = await qualifyGrouped(db, { request: item.request, ...asked, source });
  if (!outcome.ok) throw invalidFields(outcome.errors.map((e) => ({ ...e, path: item.toTmfPath(e.path) })));
  return outcome.qualification;
}

/** A request of one item with a site: that item's qualification is the TMF679 resource. */
export async function qualifyOne(db: Db, item: Placed, asked: Asked) {
  const qualification = await qualifyItem(db, item, asked);
  return tmfQualificationOf(qualification, {
    api: 'tmf679',
    itemId: item.itemId,
    productOfferingId: item.productOfferingId,
  });
}

/**
 * A request of several items, or of one naming no site: each item with a site qualified and stored as its own
 * qualification (its offers may be ordered), each without one answered unqualified with why; then the whole stored
 * as an offering qualification whose id is the TMF679 resource's.
 */
export async function qualifySeveral(db: Db, items: Exclude<MappedItem, { kind: 'invalid' }>[], asked: Asked) {
  const id = newTimeOrderedId('qlf', asked.now);
  const qualifications = new Map<string, Qualification>();
  // All at once: each item may wait for carriers asked live, and the waits overlap instead of adding up.
  const answered = await Promise.all(
    items.map(async (item): Promise<OfferingQualificationItem> => {
      if (item.kind === 'unplaced')
        return { itemId: item.itemId, productOfferingId: item.productOfferingId, unqualified: noSite };
      const qualification = await qualifyItem(db, item, asked, id);
      qualifications.set(qualification.id, qualification);
      return { itemId: item.itemId, productOfferingId: item.productOfferingId, qualificationId: qualification.id };
    }),
  );
  const row = {
    id,
    requestedBy: asked.requestedBy,
    createdAt: asked.now.toISOString(),
    expiresAt: new Date(asked.now.getTime() + QUALIFICATION_VALIDITY_DAYS * 86_400_000).toISOString(),
    items: answered,
  };
  await insertOfferingQualification(db, row);
  return tmfOfferingQualificationOf(row, qualifications);
}
