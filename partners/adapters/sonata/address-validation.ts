import { z } from 'zod';
import type { NormalisedAddress } from '../../../openapi/address.js';
import type { Partner } from '../../../openapi/partners.js';
import { carrierRequest, carrierUrl, readCarrierBody, type CarrierHttpSettings } from '../http.js';
import { sonataParties } from './parties.js';
import { fieldedAddress } from './poq.js';

type Adapter = Partner['adapter'];

/** Where a carrier's MEF LSO Sonata Geographic Address Management (v7) lives, under its Sonata root. */
export const SONATA_GAV_PATH = 'geographicAddressManagement/v7';

/** The site as the seller knows it: a GeographicAddressRef to its own address, in the INSTALL_LOCATION role. */
export type SellerSiteRef = { '@type': 'GeographicAddressRef'; id: string; role: 'INSTALL_LOCATION' };

/**
 * Our site as a MEF GeographicAddressValidation_Create: the site as a FieldedAddress in the carrier's address format
 * (no role: it is not yet a place of anything), alternatives asked for, as MEF's file requires. Undefined when the
 * site has no street or city to send.
 */
export function sonataAddressValidationRequest(site: NormalisedAddress, adapter: Adapter) {
  const fielded = fieldedAddress(site, adapter.addressFormat);
  if (!fielded) return undefined;
  const { role: _role, ...submittedGeographicAddress } = fielded;
  return { provideAlternative: true, submittedGeographicAddress };
}

const validationSchema = z.looseObject({
  validationResult: z.string().optional(),
  bestMatchGeographicAddress: z.looseObject({ id: z.string().min(1).optional() }).optional(),
});

/** The seller's answers, per carrier and address, kept for the process's life (an address does not move). */
const known = new Map<string, string | null>();
const KNOWN_MAX = 10_000;

/**
 * Resolves the site to the seller's own address through its address validation: the best match's id when the seller
 * found one (`success`), else undefined (partial or failed: the site goes by value, as without validation). Each
 * answer is kept, so an order's retries and later qualifications at the site ask once. A seller that cannot be
 * reached throws as carrierRequest does.
 */
export async function resolveSellerSite(
  http: CarrierHttpSettings,
  root: string,
  adapter: Adapter,
  site: NormalisedAddress,
): Promise<SellerSiteRef | undefined> {
  const body = sonataAddressValidationRequest(site, adapter);
  if (!body) return undefined;
  const key = `${root}\u0000${JSON.stringify(body.submittedGeographicAddress)}`;
  let id = known.get(key);
  if (id === undefined) {
    const url = carrierUrl(root, `${SONATA_GAV_PATH}/geographicAddressValidation`, sonataParties(adapter));
    const answer = readCarrierBody(validationSchema, await carrierRequest(http, 'POST', url, body), `POST ${url}`);
    id = answer.validationResult === 'success' ? (answer.bestMatchGeographicAddress?.id ?? null) : null;
    if (known.size >= KNOWN_MAX) known.delete(known.keys().next().value!);
    known.set(key, id);
  }
  return id ? { '@type': 'GeographicAddressRef', id, role: 'INSTALL_LOCATION' } : undefined;
}
