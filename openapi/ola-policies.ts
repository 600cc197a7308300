import { z } from '@hono/zod-openapi';
import { IsoTimestamp } from './common.js';

const policyExample = `id: uk-ethernet-carrier
version: 1
effectiveFrom: 2026-01-01
defaults: { calendar: uk-office }
calendars:
  uk-office: { timeZone: Europe/London, holidayRegion: GB-ENG }
olas:
  - id: order-ack
    metric: orderAcknowledgement
    appliesTo: { entity: order }
    stop: { state: [acknowledged, inProgress, rejected] }
    target: { kind: businessDuration, hours: 4 }
`;

const uploadDescription =
  'An OLA policy document (format: sla-rules/README.md; sla-rules/templates/*.yaml upload as they are). ' +
  'The format requires a `version` (a whole number from 1), but Tailgate replaces it with the next number for the ' +
  "partner (1, 2, 3…). `effectiveFrom` may not be earlier than the latest version's.";

/** The upload as YAML text; JSON is the same document as an object. */
export const OlaPolicyYamlBody = z.string().openapi({ description: uploadDescription, example: policyExample });
// Loose on purpose: the body is validated as a policy document (with the policy's own messages), not by this schema.
export const OlaPolicyJsonBody = z.record(z.string(), z.unknown()).openapi({ description: uploadDescription });

export const OlaSummarySchema = z
  .object({
    id: z.string().openapi({ example: 'order-ack' }),
    metric: z.string().openapi({ example: 'orderAcknowledgement' }),
    appliesTo: z.object({
      entity: z.enum(['order', 'ticket']),
      products: z.array(z.string()).optional(),
      priorities: z.array(z.string()).optional(),
    }),
    target: z
      .looseObject({ kind: z.string().openapi({ example: 'businessDuration' }) })
      .openapi({ description: 'How the due instant is set; the fields depend on `kind` (sla-rules/README.md)' }),
  })
  .openapi('OlaSummary');

export const OlaPolicyVersionSchema = z
  .object({
    id: z.string().openapi({ example: 'olp_Yb0n2cN4wq1LhM5r' }),
    partnerId: z.string(),
    version: z.number().int().min(1).openapi({ description: 'Assigned by Tailgate: 1, 2, 3… per partner' }),
    effectiveFrom: z.string().openapi({
      example: '2026-01-01',
      description: 'In force from this date (00:00 UTC) or instant for orders and tickets placed from then on',
    }),
    createdAt: IsoTimestamp,
    olas: z.array(OlaSummarySchema),
  })
  .openapi('OlaPolicyVersion');
export type OlaPolicyVersion = z.infer<typeof OlaPolicyVersionSchema>;

export const OlaPolicyDocumentSchema = z
  .looseObject({
    id: z.string(),
    version: z.number().int(),
    effectiveFrom: z.string(),
    calendars: z.record(z.string(), z.unknown()),
    penaltyClauses: z.record(z.string(), z.record(z.string(), z.unknown())),
    olas: z.array(z.looseObject({ id: z.string(), metric: z.string() })),
  })
  .openapi({ description: 'The validated policy with every default filled in, as the SLA engine reads it' })
  .openapi('OlaPolicyDocument');

export const OlaPolicyVersionDetailSchema = OlaPolicyVersionSchema.extend({
  document: OlaPolicyDocumentSchema,
  source: z.string().openapi({ description: 'The document exactly as uploaded (YAML comments included)' }),
}).openapi('OlaPolicyVersionDetail');

export const PolicyVersionParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'ptn_3k2VQn7m1cZx', description: 'Partner id' }),
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .openapi({ param: { name: 'version', in: 'path' }, example: 1 }),
});
