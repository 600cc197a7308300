import { AddressIdPattern } from '../../../openapi/address.js';
import type { Tmf673GeographicAddress, Tmf673Validation, Tmf673ValidationCreate } from '../../../openapi/tmf673.js';
import type { AddressCandidate, AddressValidation } from '../../directory/address.js';

/** The non-blank parts, trimmed and joined by spaces; undefined when none (TMF senders send "" for absent fields). */
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
    line2: joined(address.name),
    city: joined(address.city) ?? joined(address.locality),
    stateOrProvince: joined(address.stateOrProvince),
  };
}

/** The submitted address in its corrected form: ISO country code, canonical postcode and address id. */
function validTmfAddress(
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

/**
 * Our answer to a TMF673 v4 GeographicAddressValidation: done at once, the directory's result, the corrected address
 * when there is one. We hold no address register to propose alternatives from; an empty list says so explicitly.
 */
export function addressValidationAnswer(
  request: Tmf673ValidationCreate,
  validation: AddressValidation,
  made: { id: string; at: Date },
): Tmf673Validation {
  const submitted = request.submittedGeographicAddress;
  const valid = validTmfAddress(submitted, validation);
  return {
    id: made.id,
    provideAlternative: request.provideAlternative,
    validationDate: made.at.toISOString(),
    validationResult: validation.result,
    state: 'done',
    submittedGeographicAddress: submitted,
    ...(valid ? { validGeographicAddress: valid } : {}),
    ...(request.provideAlternative && validation.result !== 'success' ? { alternateGeographicAddress: [] } : {}),
    '@type': 'GeographicAddressValidation',
  };
}
