import { fieldErrorsFromZod, type FieldError } from '../../../openapi/problem.js';
import { QualificationRequestSchema, type QualificationRequest } from '../../../openapi/qualification.js';
import type { Tmf679Characteristic, Tmf679Place, Tmf679QualificationCreate } from '../../../openapi/tmf679.js';
import { servedCountryOf } from '../../directory/address.js';
import { addressFromTmf } from '../tmf673/address.js';

/**
 * One item of a TMF679 request as our qualification request; `unplaced` when it names no site (no place of its own, no
 * top-level place): it is answered unqualified; `invalid` when a field cannot be read, naming the TMF field.
 */
export type MappedItem =
  | {
      kind: 'placed';
      request: QualificationRequest;
      itemId: string;
      productOfferingId: string | undefined;
      toTmfPath: (path: string) => string;
    }
  | { kind: 'unplaced'; itemId: string; productOfferingId: string | undefined }
  | { kind: 'invalid'; errors: FieldError[] };

const itemPath = (index: number) => `productOfferingQualificationItem.${index}`;
const bandwidthNames = new Set(['bandwidth', 'bandwidthmbps', 'minbandwidthmbps']);
const leadTimeNames = new Set(['maxleadtimedays', 'leadtimedays']);
const unitFactor: Record<string, number> = { kbps: 0.001, mbps: 1, gbps: 1000, tbps: 1_000_000 };

/** Mbps from a characteristic value: a number (Mbps) or a string such as "100", "100 Mbps" or "1 Gbps". */
export function bandwidthMbpsOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]bps)?\s*$/i.exec(value);
  if (!match?.[1]) return undefined;
  const mbps = Number(match[1]) * (unitFactor[(match[2] ?? 'mbps').toLowerCase()] ?? 1);
  return Number.isInteger(mbps) && mbps > 0 ? mbps : undefined;
}

const wholeNumberOf = (value: unknown) => {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
};

/** The first place that carries an address by value: the item's product places, else the top-level places. */
function sitePlace(body: Tmf679QualificationCreate, index: number): { place: Tmf679Place; path: string } | undefined {
  const candidates = [
    ...(body.productOfferingQualificationItem[index]?.product?.place ?? []).map((place, i) => ({
      place,
      path: `${itemPath(index)}.product.place.${i}`,
    })),
    ...(body.place ?? []).map((place, i) => ({ place, path: `place.${i}` })),
  ];
  return candidates.find(({ place }) => place.postcode !== undefined || place.country !== undefined);
}

/**
 * Reads item `index` of a TMF679 v4 ProductOfferingQualification_Create as our qualification request: the site from a
 * place carrying a GeographicAddress (the item's, else the request's), the product code from `productOffering.id`,
 * the minimum bandwidth and maximum lead time from product characteristics. Errors name the TMF field they came from.
 */
export function itemRequestFromTmf(body: Tmf679QualificationCreate, index: number): MappedItem {
  const ITEM = itemPath(index);
  const item = body.productOfferingQualificationItem[index];
  if (!item) return { kind: 'invalid', errors: [{ path: ITEM, message: 'no such item' }] };
  const productOfferingId = item.productOffering?.id ?? item.product?.productOffering?.id;
  const site = sitePlace(body, index);
  if (!site) return { kind: 'unplaced', itemId: item.id, productOfferingId };
  const errors: FieldError[] = [];
  const productOfferingPath = item.productOffering
    ? `${ITEM}.productOffering.id`
    : `${ITEM}.product.productOffering.id`;
  let bandwidthPath = `${ITEM}.product.productCharacteristic`;
  let minBandwidthMbps: number | undefined;
  let maxLeadTimeDays: number | undefined;
  (item.product?.productCharacteristic ?? []).forEach((c: Tmf679Characteristic, i) => {
    const name = c.name.toLowerCase();
    const path = `${ITEM}.product.productCharacteristic.${i}.value`;
    if (bandwidthNames.has(name)) {
      bandwidthPath = path;
      minBandwidthMbps = bandwidthMbpsOf(c.value);
      if (minBandwidthMbps === undefined)
        errors.push({ path, message: 'bandwidth must be Mbps, or a string like "1 Gbps"' });
    } else if (leadTimeNames.has(name)) {
      maxLeadTimeDays = wholeNumberOf(c.value);
      if (maxLeadTimeDays === undefined) errors.push({ path, message: 'must be a whole number of days' });
    }
  });
  if (errors.length > 0) return { kind: 'invalid', errors };

  const { country, ...address } = addressFromTmf(site.place);
  const fieldPaths: Record<string, string> = {
    'address.countryCode': `${site.path}.country`,
    'address.postcode': `${site.path}.postcode`,
    'address.addressId': `${site.path}.id`,
    'address.line1': `${site.path}.streetName`,
    'address.city': `${site.path}.city`,
    'productNeeds.productCode': productOfferingPath,
    'productNeeds.minBandwidthMbps': bandwidthPath,
    'productNeeds.maxLeadTimeDays': `${ITEM}.product.productCharacteristic`,
  };
  const toTmfPath = (path: string) =>
    fieldPaths[path] ?? Object.entries(fieldPaths).find(([ours]) => path.startsWith(`${ours}.`))?.[1] ?? path;

  const parsed = QualificationRequestSchema.safeParse({
    address: { ...address, countryCode: servedCountryOf(country) ?? country },
    productNeeds: {
      productCode: productOfferingId,
      minBandwidthMbps,
      maxLeadTimeDays,
    },
  });
  if (!parsed.success) {
    const errors = fieldErrorsFromZod(parsed.error).map((e) => ({ ...e, path: toTmfPath(e.path) }));
    return { kind: 'invalid', errors };
  }
  return {
    kind: 'placed',
    request: parsed.data,
    itemId: item.id,
    productOfferingId: parsed.data.productNeeds.productCode,
    toTmfPath,
  };
}
