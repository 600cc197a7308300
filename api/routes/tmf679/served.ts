import type { Db } from '../../../db/client.js';
import {
  getOfferingQualification,
  newestOfferingQualificationIds,
} from '../../../db/repositories/offering-qualifications.js';
import { newestQualificationIds } from '../../../db/repositories/qualifications.js';
import type { Qualification } from '../../../openapi/qualification.js';
import {
  tmfOfferingQualificationOf,
  tmfQualificationOf,
  type Tmf679Source,
} from '../../../partners/adapters/tmf679/write.js';
import { findQualification } from '../../../partners/directory/qualification-service.js';

/**
 * A TMF679 resource as our server shows it: a stored qualification, or a qualification of several items; undefined
 * when there is none (an item of several is shown only within its whole).
 */
export async function servedQualification(db: Db, id: string) {
  const found = await findQualification(db, id);
  if (found) {
    if (found.source.partOf !== undefined) return undefined;
    // Qualifications asked through /api/v1 have no TMF item id; they show as item "1".
    const source: Tmf679Source =
      found.source.api === 'tmf679'
        ? (found.source as Tmf679Source)
        : { api: 'tmf679', itemId: '1', productOfferingId: found.qualification.productNeeds.productCode };
    return tmfQualificationOf(found.qualification, source);
  }
  const several = await getOfferingQualification(db, id);
  if (!several) return undefined;
  const qualifications = new Map<string, Qualification>();
  for (const { qualificationId } of several.items) {
    const item = qualificationId ? await findQualification(db, qualificationId) : undefined;
    if (item) qualifications.set(item.qualification.id, item.qualification);
  }
  return tmfOfferingQualificationOf(several, qualifications);
}

/**
 * Ids of TMF679 resources newest first, before `beforeId` when given: qualifications and qualifications of several
 * items together (both ids are time-ordered `qlf_` ids, so one order serves both).
 */
export async function newestServedIds(db: Db, opts: { beforeId?: string | undefined; limit: number }) {
  const [single, several] = await Promise.all([
    newestQualificationIds(db, opts),
    newestOfferingQualificationIds(db, opts),
  ]);
  return [...single, ...several].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)).slice(0, opts.limit);
}
