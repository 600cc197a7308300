import { getPartner } from '../../../db/repositories/partners.js';
import type { Partner } from '../../../openapi/partners.js';
import { canSeePartner } from '../../auth.js';
import type { Caller, Deps } from '../../context.js';
import { ApiError } from '../../errors.js';

/** The partner, if it exists and this caller may see it; otherwise 404 (never reveal another partner). */
export async function visiblePartner(deps: Deps, caller: Caller, id: string): Promise<Partner> {
  const partner = await getPartner(deps.db, id);
  if (!partner || !canSeePartner(caller, id)) throw new ApiError('not_found', `No partner ${id}`);
  return partner;
}
