import { writeTransaction } from '../../db/access.js';
import type { Db } from '../../db/client.js';
import { insertActivation, latestCertificationOf } from '../../db/repositories/certifications.js';
import { getPartner, insertPartner, updatePartner } from '../../db/repositories/partners.js';
import { lockRow } from '../../db/row-locks.js';
import type { Partner, PartnerCreate, PartnerUpdate } from '../../openapi/partners.js';
import type { FieldError } from '../../openapi/problem.js';
import { adapterFingerprint, hasCarrierApi } from './fingerprint.js';

/** Why a partner may be made active for live orders. */
export type ActivationGround =
  | { ground: 'certified'; certificationId: string }
  | { ground: 'override'; overrideReason: string }
  | { ground: 'noApi' };

/** Whether a change to a partner activates it: it becomes active, or stays active with other certified settings. */
export const activates = (
  before: Pick<Partner, 'status' | 'adapter'> | undefined,
  after: Pick<Partner, 'status' | 'adapter'>,
) =>
  after.status === 'active' &&
  (before?.status !== 'active' || adapterFingerprint(before) !== adapterFingerprint(after));

/**
 * The ground on which a partner with these settings may go active, or the field error that refuses it. A carrier with
 * an API of its own needs the newest certification run of exactly these settings (adapterFingerprint) to have passed,
 * unless an admin overrides that with a reason; a carrier without one (it pulls from Tailgate's TMF servers) needs
 * nothing. `partnerId` is undefined for a partner not stored yet, which cannot have a run.
 */
export async function activationGround(
  db: Db,
  partnerId: string | undefined,
  settings: Pick<Partner, 'adapter'>,
  override: { reason: string } | undefined,
): Promise<ActivationGround | FieldError> {
  if (!hasCarrierApi(settings)) return { ground: 'noApi' };
  if (override) return { ground: 'override', overrideReason: override.reason };
  const run = partnerId ? await latestCertificationOf(db, partnerId, adapterFingerprint(settings)) : undefined;
  if (run?.outcome === 'passed') return { ground: 'certified', certificationId: run.id };
  const how = partnerId
    ? `run POST /api/v1/partners/${partnerId}/certifications and activate once it passes`
    : 'create it as onboarding, run its certification (POST /api/v1/partners/{id}/certifications), then activate it';
  const why = run
    ? `its newest certification run of these adapter settings (${run.id}) failed`
    : 'it has no passing certification run of these adapter settings';
  return {
    path: 'status',
    message: `A carrier with an API goes active only once certified: ${why}; ${how}, or give activationOverride.reason`,
  };
}

const isRefusal = (g: ActivationGround | FieldError): g is FieldError => 'path' in g;

function activationRow(partnerId: string, g: ActivationGround, by: string, at: Date) {
  return {
    partnerId,
    ground: g.ground,
    certificationId: g.ground === 'certified' ? g.certificationId : null,
    overrideReason: g.ground === 'override' ? g.overrideReason : null,
    activatedBy: by,
    activatedAt: at.toISOString(),
  };
}

/** Registers a partner; one registered active is checked and its activation recorded with it (one transaction). */
export async function registerPartner(
  db: Db,
  input: PartnerCreate,
  by: string,
  now: Date,
): Promise<{ partner: Partner } | { refused: FieldError }> {
  const { activationOverride, ...fields } = input;
  const ground = activates(undefined, fields)
    ? await activationGround(db, undefined, fields, activationOverride)
    : undefined;
  if (ground && isRefusal(ground)) return { refused: ground };
  const partner = await writeTransaction(db, async () => {
    const stored = await insertPartner(db, fields, now);
    if (ground) await insertActivation(db, activationRow(stored.id, ground, by, now));
    return stored;
  });
  return { partner };
}

/**
 * Changes a partner; a change that activates it (activates()) is checked and its activation recorded with it, both
 * under the partner's row lock so a concurrent change cannot slip between the check and the write.
 */
export async function changePartner(
  db: Db,
  id: string,
  patch: PartnerUpdate,
  by: string,
  now: Date,
): Promise<{ partner: Partner } | { refused: FieldError } | undefined> {
  const { activationOverride, ...fields } = patch;
  return writeTransaction(db, async () => {
    await lockRow(db, 'partners', id);
    const before = await getPartner(db, id);
    if (!before) return undefined;
    const after = { ...before, ...fields };
    const ground = activates(before, after) ? await activationGround(db, id, after, activationOverride) : undefined;
    if (ground && isRefusal(ground)) return { refused: ground };
    const partner = await updatePartner(db, id, fields, now);
    if (!partner) return undefined;
    if (ground) await insertActivation(db, activationRow(id, ground, by, now));
    return { partner };
  });
}
