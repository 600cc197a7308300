import type { Db } from '../../../db/client.js';
import { findQualification } from '../../../partners/directory/qualification-service.js';
import { tmfQualificationOf, type Tmf679Source } from '../../../partners/adapters/tmf679/write.js';

/** A stored qualification as our TMF679 server shows it; undefined when there is none. */
export async function servedQualification(db: Db, id: string) {
  const found = await findQualification(db, id);
  if (!found) return undefined;
  // Qualifications asked through /api/v1 have no TMF item id; they show as item "1".
  const source: Tmf679Source =
    found.source.api === 'tmf679'
      ? (found.source as Tmf679Source)
      : { api: 'tmf679', itemId: '1', productOfferingId: found.qualification.productNeeds.productCode };
  return tmfQualificationOf(found.qualification, source);
}
