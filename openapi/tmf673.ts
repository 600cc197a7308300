import { z } from '@hono/zod-openapi';
import { IsoTimestamp } from './common.js';

const text = z.string().max(200).optional();

/** TMF673 v4 GeographicAddress (the fields we read; anything else is kept as sent). */
export const Tmf673GeographicAddressSchema = z
  .object({
    id: text,
    href: text,
    name: text,
    streetNr: text,
    streetNrSuffix: text,
    streetNrLast: text,
    streetNrLastSuffix: text,
    streetName: text.openapi({ example: 'Downing' }),
    streetType: text.openapi({ example: 'Street' }),
    streetSuffix: text,
    locality: text,
    city: text.openapi({ example: 'London' }),
    stateOrProvince: text,
    postcode: z.string().max(32).optional().openapi({ example: 'sw1a2aa' }),
    country: z
      .string()
      .max(64)
      .optional()
      .openapi({ example: 'GB', description: 'ISO 3166-1 alpha-2 code or English name' }),
    '@type': text,
    '@baseType': text,
  })
  .passthrough()
  .openapi('Tmf673GeographicAddress');
export type Tmf673GeographicAddress = z.infer<typeof Tmf673GeographicAddressSchema>;

export const Tmf673ValidationCreateSchema = z
  .object({
    provideAlternative: z.boolean(),
    submittedGeographicAddress: Tmf673GeographicAddressSchema,
    '@type': text,
    '@baseType': text,
  })
  .passthrough()
  .openapi('Tmf673GeographicAddressValidationCreate');
export type Tmf673ValidationCreate = z.infer<typeof Tmf673ValidationCreateSchema>;

export const validationResults = ['success', 'partial', 'fail'] as const;

export const Tmf673ValidationSchema = z
  .object({
    id: z.string(),
    provideAlternative: z.boolean(),
    validationDate: IsoTimestamp,
    validationResult: z.enum(validationResults).openapi({
      description:
        'success: valid postcode, street and city; partial: valid postcode but the street or city is missing; ' +
        'fail: country not served (GB, US) or postcode missing or invalid',
    }),
    state: z.enum(['done']),
    submittedGeographicAddress: Tmf673GeographicAddressSchema,
    validGeographicAddress: Tmf673GeographicAddressSchema.optional().openapi({
      description: 'The normalised address (ISO country code, canonical postcode); absent when the result is fail',
    }),
    alternateGeographicAddress: z.array(Tmf673GeographicAddressSchema).optional(),
    '@type': z.literal('GeographicAddressValidation'),
  })
  .openapi('Tmf673GeographicAddressValidation');
export type Tmf673Validation = z.infer<typeof Tmf673ValidationSchema>;
