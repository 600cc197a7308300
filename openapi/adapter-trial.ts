import { z } from '@hono/zod-openapi';
import { SiteAddressSchema, SiteContactSchema } from './orders.js';
import { AdapterSettingsSchema } from './adapter-settings.js';

/** Trying a partner's adapter settings on sample payloads before saving them (partners/adapters/mapping-trial.ts). */

const Sample = z.record(z.string(), z.unknown());

export const AdapterTrialRequestSchema = z
  .object({
    adapter: AdapterSettingsSchema.optional().openapi({
      description: "Candidate settings to try; the partner's stored ones when absent. Nothing is saved.",
    }),
    productOrder: Sample.optional().openapi({
      description: 'A ProductOrder as the carrier sends it (its API answer, or the productOrder of a notification)',
      example: { id: 'PO-77', state: 'provisioning', expectedCompletionDate: '2027-01-20T17:00:00Z' },
    }),
    troubleTicket: Sample.optional().openapi({ description: 'A TroubleTicket as the carrier sends it' }),
    order: z
      .object({
        externalId: z.string().min(1).max(64).default('ord_sample'),
        deskReference: z.string().min(1).max(100),
        productCode: z.string().min(1).max(64),
        bandwidthMbps: z.number().int().min(1).max(400_000),
        requestedCompletionDate: z.iso.date(),
        site: SiteAddressSchema,
        contact: SiteContactSchema,
      })
      .optional()
      .openapi({ description: 'An order to render as the carrier would receive it; a sample order when absent' }),
  })
  .openapi('AdapterTrialRequest');

const TrialRead = z.object({
  ok: z.boolean(),
  read: z.record(z.string(), z.unknown()).optional().openapi({ description: 'What Tailgate reads, in its terms' }),
  problem: z.string().optional().openapi({ description: 'Why it cannot be read, naming the setting to change' }),
});

export const AdapterTrialSchema = z
  .object({
    productOrder: TrialRead.optional(),
    troubleTicket: TrialRead.optional(),
    outbound: z.object({
      version: z.enum(['v4', 'v5', 'sonata-v10']),
      productOrder: z.record(z.string(), z.unknown()).openapi({ description: 'The ProductOrder Tailgate would send' }),
      problem: z
        .string()
        .optional()
        .openapi({ description: 'Why no ProductOrder could be built (a Sonata product without a configuration)' }),
      productSchemaWarnings: z
        .array(z.string())
        .optional()
        .openapi({
          description:
            "Sonata: where an item's productConfiguration departs from the MEF product schema its @type names, or " +
            'that Tailgate does not have that schema. Warnings, not refusals: MEF 106 use case 5 itself departs from ' +
            'the Access E-Line OVC schema',
        }),
    }),
  })
  .openapi('AdapterTrial');
