import { z } from '@hono/zod-openapi';
import { IsoTimestamp, Money } from './common.js';
import { MetricConformanceSchema } from './qualification.js';

const Spread = (unit: string) =>
  z
    .object({
      mean: z
        .number()
        .nullable()
        .openapi({ description: `Mean, in ${unit} (1 decimal); null when there is none` }),
      p80: z
        .number()
        .nullable()
        .openapi({ description: `80th percentile (nearest rank), in ${unit}` }),
    })
    .openapi({ description: `Mean and 80th percentile, in ${unit}` });

export const PartnerBenchmarkSchema = z
  .object({
    partnerId: z.string(),
    partnerName: z.string(),
    productCode: z.string().openapi({ description: "The order's product (a ticket's order's); empty when unknown" }),
    region: z.string().openapi({
      description: "The site's region: GB:<postcode area> (GB:SW), US:<first three ZIP digits>, else its country",
      example: 'GB:SW',
    }),
    ordersCompleted: z.number().int(),
    provideWorkingDays: Spread("working days of the partner's calendar, from the carrier's acceptance to completion"),
    ticketsResolved: z.number().int(),
    restoreHours: Spread('hours from the ticket being raised to its resolution'),
    conformance: z.object({
      met: z.number().int(),
      breached: z.number().int(),
      share: z.number().nullable().openapi({ description: 'met / (met + breached), 4 decimals; null without clocks' }),
      byMetric: z.array(MetricConformanceSchema),
    }),
    previousShare: z.number().nullable().openapi({ description: 'The same share over the window before this one' }),
    trend: z.number().nullable().openapi({ description: 'share - previousShare; null when either is null' }),
    breaches: z.number().int(),
    penaltiesBilled: z.array(Money).openapi({
      description: "Billed (after caps) in frozen penalty reports for this window's breaches, per currency",
    }),
  })
  .openapi('PartnerBenchmark');
export type PartnerBenchmark = z.infer<typeof PartnerBenchmarkSchema>;

export const PartnerBenchmarksSchema = z
  .object({
    window: z.object({ from: IsoTimestamp, to: IsoTimestamp, days: z.number().int() }),
    items: z.array(PartnerBenchmarkSchema),
  })
  .openapi('PartnerBenchmarks');
export type PartnerBenchmarks = z.infer<typeof PartnerBenchmarksSchema>;
