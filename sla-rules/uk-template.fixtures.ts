/** The UK Ethernet carrier template and the entities the clock tests measure under it (not part of the library). */
import { computeClocks } from './clocks.js';
import { loadTemplate } from './test-fixtures.js';
import type { Clock, SlaEntity, SlaEvent } from './types.js';

export const uk = loadTemplate('uk-ethernet-carrier.yaml');
export const order: SlaEntity = { kind: 'order', product: 'ethernet-1g', leadTimeDays: 30 };
export const p1: SlaEntity = { kind: 'ticket', priority: 'P1' };

/** The template's clocks for an entity with these events at `now`. */
export const clocksAt = (entity: SlaEntity, events: SlaEvent[], now: string) =>
  computeClocks({ ...uk, entity, events, now });

export const clock = (clocks: Clock[], olaId: string): Clock => {
  const c = clocks.find((x) => x.olaId === olaId);
  if (!c) throw new Error(`no clock ${olaId} in ${clocks.map((x) => x.olaId).join(', ')}`);
  return c;
};
