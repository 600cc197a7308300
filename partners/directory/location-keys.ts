import { isValid, toArea, toDistrict, toNormalised, toOutcode, toSector } from 'postcode';

/** How specific a coverage entry's location is; earlier is more specific and wins. */
export const matchLevels = ['address', 'postcode', 'sector', 'district', 'area'] as const;
export type MatchLevel = (typeof matchLevels)[number];
export const specificity = (level: MatchLevel) => matchLevels.length - matchLevels.indexOf(level);

export type LocationKey = { key: string; level: MatchLevel };

const UK_SECTOR = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d)$/;
const UK_DISTRICT = /^[A-Z]{1,2}\d[A-Z\d]?$/;
const UK_AREA = /^[A-Z]{1,2}$/;
const US_ZIP = /^(\d{5})(?:-?(\d{4}))?$/;
const ADDRESS_ID = /^(UPRN|ADDR):([A-Z0-9][A-Z0-9._-]{0,63})$/;

/**
 * Canonical form of a coverage location key as carriers write it: `UPRN:100023336956` or `ADDR:<id>` (address id),
 * a UK full postcode, sector (`SW1A 1`), district (`SW1A`) or area (`SW`), or a US ZIP (`10001`) or ZIP+4.
 * UK keys become `GB:<key>`, US keys `US:<key>`; US ZIP+4 is postcode level and ZIP is district level.
 */
export function parseLocationKey(raw: string): LocationKey | undefined {
  // Runs for every row of a coverage file: the whitespace clean-up only runs for text that needs it.
  const upper = raw.trim().toUpperCase();
  const text = UNTIDY_SPACE.test(upper) ? upper.replace(/\s+/g, ' ') : upper;
  // A full postcode is what most rows hold. The library decides validity; its normalised form is the text with
  // the space before the last three characters (what toNormalised returns, without re-validating three times).
  if (isValid(text)) return { key: `GB:${normalisedPostcode(text)}`, level: 'postcode' };
  const id = ADDRESS_ID.exec(text);
  if (id) return { key: `${id[1]}:${id[2]}`, level: 'address' };
  const zip = US_ZIP.exec(text);
  if (zip)
    return zip[2] ? { key: `US:${zip[1]}-${zip[2]}`, level: 'postcode' } : { key: `US:${zip[1]}`, level: 'district' };
  // Before sectors: "B12" is district B12, not sector B1 2 (a sector is written with its space, "B1 2").
  if (UK_DISTRICT.test(text)) return { key: `GB:${text}`, level: 'district' };
  const sector = UK_SECTOR.exec(text);
  if (sector) return { key: `GB:${sector[1]} ${sector[2]}`, level: 'sector' };
  if (UK_AREA.test(text)) return { key: `GB:${text}`, level: 'area' };
  return undefined;
}

/**
 * Whether a canonical key (parseLocationKey) names one site or a few (an address id or a full postcode), rather than
 * a sector, district or area that every address around it shares.
 */
export function isSiteKey(key: string): boolean {
  if (key.startsWith('GB:')) return UK_INWARD_CODE.test(key);
  if (key.startsWith('US:')) return key.includes('-');
  return true;
}
/** The end of a full UK postcode: its inward code after the space. */
const UK_INWARD_CODE = / \d[A-Z]{2}$/;

/** Whitespace other than single spaces. */
const UNTIDY_SPACE = /[^\S ]| {2}/;

/** `SW1A1AA` or `SW1A 1AA` (upper case, valid) -> `SW1A 1AA`. */
function normalisedPostcode(valid: string): string {
  const compact = valid.includes(' ') ? valid.replace(' ', '') : valid;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** Every coverage key that can serve an address, most specific first. */
export function locationKeysForAddress(address: {
  countryCode: string;
  postcode: string;
  addressId?: string | undefined;
}): LocationKey[] {
  const keys: LocationKey[] = [];
  if (address.addressId) {
    const id = parseLocationKey(address.addressId);
    if (id?.level === 'address') keys.push(id);
  }
  if (address.countryCode === 'GB' && isValid(address.postcode)) {
    const pc = address.postcode;
    keys.push({ key: `GB:${toNormalised(pc)}`, level: 'postcode' });
    keys.push({ key: `GB:${toSector(pc)}`, level: 'sector' });
    const districts = new Set([toOutcode(pc), toDistrict(pc)]);
    for (const d of districts) keys.push({ key: `GB:${d}`, level: 'district' });
    keys.push({ key: `GB:${toArea(pc)}`, level: 'area' });
  }
  if (address.countryCode === 'US') {
    const zip = US_ZIP.exec(address.postcode.trim());
    if (zip?.[2]) keys.push({ key: `US:${zip[1]}-${zip[2]}`, level: 'postcode' });
    if (zip) keys.push({ key: `US:${zip[1]}`, level: 'district' });
  }
  return keys;
}
