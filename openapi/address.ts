import { z } from '@hono/zod-openapi';

/** Countries whose postcodes the directory can read and whose coverage carriers publish. */
export const servedCountries = ['GB', 'US'] as const;
export type ServedCountry = (typeof servedCountries)[number];

const optionalText = (example: string, description?: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ example, ...(description ? { description } : {}) });

/** `UPRN:` or `ADDR:` in any case, then an id; spelt without regex flags so the OpenAPI pattern means the same. */
export const AddressIdPattern = /^(?:[Uu][Pp][Rr][Nn]|[Aa][Dd][Dd][Rr]):[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A site address as the desk sends it; only the postcode and country decide coverage. */
export const AddressInputSchema = z
  .object({
    countryCode: z
      .enum(servedCountries)
      .openapi({ description: 'ISO 3166-1 alpha-2; GB and US are served', example: 'GB' }),
    postcode: z
      .string()
      .trim()
      .min(1)
      .max(16)
      .openapi({ example: 'SW1A 1AA', description: 'UK postcode or US ZIP / ZIP+4' }),
    addressId: z
      .string()
      .trim()
      .regex(AddressIdPattern, 'must look like UPRN:<digits> or ADDR:<id>')
      .optional()
      .openapi({ example: 'UPRN:100023336956', description: 'Address identifier; matches address-level coverage' }),
    line1: optionalText('10 Downing Street', 'Street address'),
    line2: optionalText('Floor 2'),
    city: optionalText('London'),
    stateOrProvince: optionalText('NY', 'State (US) or county'),
  })
  .openapi('AddressInput');
export type AddressInput = z.infer<typeof AddressInputSchema>;

/** The address after normalisation: canonical postcode (`SW1A 1AA`, `10001-1234`) and upper-case address id. */
export const NormalisedAddressSchema = z
  .object({
    countryCode: z.enum(servedCountries),
    postcode: z.string().openapi({ example: 'SW1A 1AA' }),
    addressId: z.string().optional().openapi({ example: 'UPRN:100023336956' }),
    line1: z.string().optional(),
    line2: z.string().optional(),
    city: z.string().optional(),
    stateOrProvince: z.string().optional(),
  })
  .openapi('NormalisedAddress');
export type NormalisedAddress = z.infer<typeof NormalisedAddressSchema>;
