import { isValid as isValidUkPostcode, toNormalised as toNormalisedUkPostcode } from 'postcode';
import { postcodeValidator } from 'postcode-validator';
import { servedCountries, type NormalisedAddress, type ServedCountry } from '../../openapi/address.js';
import { parseLocationKey } from './location-keys.js';

/** An address from any source (our API, TMF673, TMF679 places), before anything is checked. */
export type AddressCandidate = {
  country?: string | undefined;
  postcode?: string | undefined;
  addressId?: string | undefined;
  line1?: string | undefined;
  line2?: string | undefined;
  city?: string | undefined;
  stateOrProvince?: string | undefined;
};

export type AddressField = 'countryCode' | 'postcode' | 'addressId' | 'line1' | 'city';
export type AddressProblem = { field: AddressField; message: string };

/**
 * `fail`: the country is not served or the postcode is missing or invalid, so no coverage can be found.
 * `partial`: the postcode is valid but the street or city is missing (enough to qualify, not to install).
 * `success`: a valid postcode, a street and a city.
 */
export type AddressValidation =
  | { result: 'fail'; problems: AddressProblem[] }
  | { result: 'partial' | 'success'; address: NormalisedAddress; problems: AddressProblem[] };

const countryAliases: Record<string, ServedCountry> = {
  GB: 'GB',
  GBR: 'GB',
  UK: 'GB',
  'UNITED KINGDOM': 'GB',
  'GREAT BRITAIN': 'GB',
  US: 'US',
  USA: 'US',
  'UNITED STATES': 'US',
  'UNITED STATES OF AMERICA': 'US',
};

/** ISO alpha-2 code of a served country, from a code or a common English name; undefined when not served. */
export function servedCountryOf(raw: string | undefined): ServedCountry | undefined {
  return countryAliases[(raw ?? '').trim().toUpperCase().replace(/\s+/g, ' ')];
}

/** Canonical postcode (`SW1A 1AA`, `10001`, `10001-1234`), or undefined when the country's rules reject it. */
export function normalisePostcode(country: ServedCountry, raw: string): string | undefined {
  if (country === 'GB') {
    const text = raw.trim();
    return isValidUkPostcode(text) ? (toNormalisedUkPostcode(text) ?? undefined) : undefined;
  }
  const compact = raw.replace(/\s+/g, '');
  const zip = /^\d{9}$/.test(compact) ? `${compact.slice(0, 5)}-${compact.slice(5)}` : compact;
  return postcodeValidator(zip, country) ? zip : undefined;
}

const clean = (text: string | undefined) => {
  const value = text?.trim().replace(/\s+/g, ' ');
  return value ? value : undefined;
};

/** Checks and normalises an address with the postcode libraries; never throws. */
export function validateAddress(input: AddressCandidate): AddressValidation {
  const problems: AddressProblem[] = [];
  const country = servedCountryOf(input.country);
  if (!country) {
    const message = input.country?.trim()
      ? `country ${input.country.trim()} is not served (served: ${servedCountries.join(', ')})`
      : 'the country is missing';
    problems.push({ field: 'countryCode', message });
  }
  const rawPostcode = clean(input.postcode);
  const postcode = country && rawPostcode ? normalisePostcode(country, rawPostcode) : undefined;
  if (!rawPostcode) problems.push({ field: 'postcode', message: 'the postcode is missing' });
  else if (country && !postcode)
    problems.push({ field: 'postcode', message: `${rawPostcode} is not a valid ${country} postcode` });

  let addressId: string | undefined;
  if (clean(input.addressId)) {
    const parsed = parseLocationKey(clean(input.addressId) ?? '');
    if (parsed?.level === 'address') addressId = parsed.key;
    else problems.push({ field: 'addressId', message: 'must look like UPRN:<digits> or ADDR:<id>' });
  }
  if (!country || !postcode) return { result: 'fail', problems };

  const address: NormalisedAddress = { countryCode: country, postcode };
  if (addressId) address.addressId = addressId;
  const line1 = clean(input.line1);
  const line2 = clean(input.line2);
  const city = clean(input.city);
  const stateOrProvince = clean(input.stateOrProvince);
  if (line1) address.line1 = line1;
  if (line2) address.line2 = line2;
  if (city) address.city = city;
  if (stateOrProvince) address.stateOrProvince = stateOrProvince;
  if (!line1) problems.push({ field: 'line1', message: 'the street is missing' });
  if (!city) problems.push({ field: 'city', message: 'the city is missing' });
  return { result: problems.length === 0 ? 'success' : 'partial', address, problems };
}
