import { AddressIdPattern } from '../../../openapi/address.js';
import type { Tmf673GeographicAddress } from '../../../openapi/tmf673.js';
import type { AddressCandidate, AddressValidation } from '../../../partners/directory/address.js';

const joined = (...parts: (string | undefined)[]) =>
  parts
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(' ') || undefined;

/** A TMF GeographicAddress (TMF673, or a place in TMF679/TMF622) as an address the directory can check. */
export function addressFromTmf(address: Tmf673GeographicAddress): AddressCandidate {
  const number = joined(
    address.streetNr && `${address.streetNr}${address.streetNrSuffix ?? ''}`,
    address.streetNrLast && `- ${address.streetNrLast}${address.streetNrLastSuffix ?? ''}`,
  );
  return {
    country: address.country,
    postcode: address.postcode,
    addressId: address.id && AddressIdPattern.test(address.id) ? address.id : undefined,
    line1: joined(number, address.streetName, address.streetType, address.streetSuffix),
    line2: address.name,
    city: address.city ?? address.locality,
    stateOrProvince: address.stateOrProvince,
  };
}

/** The submitted address in its corrected form: ISO country code, canonical postcode and address id. */
export function validTmfAddress(
  submitted: Tmf673GeographicAddress,
  validation: AddressValidation,
): Tmf673GeographicAddress | undefined {
  if (validation.result === 'fail') return undefined;
  const { address } = validation;
  return {
    ...submitted,
    ...(address.addressId ? { id: address.addressId } : {}),
    country: address.countryCode,
    postcode: address.postcode,
    ...(address.city ? { city: address.city } : {}),
    '@type': submitted['@type'] ?? 'GeographicAddress',
  };
}
