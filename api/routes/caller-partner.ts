import type { Db } from '../../db/client.js';
import { getPartner } from '../../db/repositories/partners.js';
import type { Partner } from '../../openapi/partners.js';
import type { Caller } from '../context.js';
import { ApiError } from '../errors.js';

/** The partner a partner key belongs to (routes that only partner keys may call). */
export async function callerPartner(db: Db, caller: Caller): Promise<Partner> {
  const partner = caller.partnerId ? await getPartner(db, caller.partnerId) : undefined;
  if (!partner) throw new ApiError('forbidden', 'This needs a partner key of an existing partner');
  return partner;
}
