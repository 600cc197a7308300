import type { CarrierFieldValues } from '../openapi/orders.js';

/**
 * The order form's carrier fields, typed as `name=value; name=value`, read as the values the partner takes: a value
 * is a number or a boolean where the partner's default is one (the order's own check then names any field it does
 * not take, or of the wrong type). No fields when nothing was typed; a problem when a part is not `name=value`.
 */
export function carrierFieldsFromForm(
  text: string | undefined,
  takes: Readonly<CarrierFieldValues>,
): { fields?: CarrierFieldValues; problem?: string } {
  const parts = (text ?? '')
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return {};
  const fields: CarrierFieldValues = {};
  for (const part of parts) {
    const at = part.indexOf('=');
    const name = part.slice(0, at).trim();
    if (at < 1 || !name) return { problem: `"${part}" is not name=value` };
    const raw = part.slice(at + 1).trim();
    const kind = typeof takes[name];
    fields[name] =
      kind === 'number' && raw !== '' && Number.isFinite(Number(raw))
        ? Number(raw)
        : kind === 'boolean' && (raw === 'true' || raw === 'false')
          ? raw === 'true'
          : raw;
  }
  return { fields };
}
