import type { Caller } from '../api/context.js';
import type { Db } from '../db/client.js';
import type { SlaFactRow } from '../db/repositories/sla-facts.js';
import { getWaiver } from '../db/repositories/waivers.js';
import type { Waiving } from './components/sla-facts.js';

/** Finance and admin may waive breaches (as POST /api/v1/breaches/{id}/waive allows); others see no waiver column. */
export async function waivingFor(
  db: Db,
  caller: Caller,
  facts: SlaFactRow[],
  back: string,
): Promise<Waiving | undefined> {
  if (caller.role !== 'finance' && caller.role !== 'admin') return undefined;
  const waivers = new Map<string, string>();
  for (const f of facts.filter((x) => x.kind === 'breach')) {
    const waiver = await getWaiver(db, f.id);
    if (waiver) waivers.set(f.id, waiver.reason);
  }
  return { waivers, back };
}
