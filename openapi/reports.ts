import { z } from '@hono/zod-openapi';
import { CurrencyCode, IsoTimestamp } from './common.js';

/** A finance month, YYYY-MM, in the finance time zone (FINANCE_TIME_ZONE). */
export const MonthParam = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM, e.g. 2026-10')
    .openapi({
      param: { name: 'month', in: 'path' },
      example: '2026-10',
      description: 'Month (YYYY-MM) in the finance time zone',
    }),
});

const Amount = z
  .number()
  .int()
  .openapi({ description: 'Integer minor units (negative on an adjustment that gives back)' });

export const PartnerTotalSchema = z
  .object({
    partnerId: z.string(),
    currency: CurrencyCode,
    lines: z.number().int(),
    amountBeforeCapsMinor: Amount,
    amountAfterCapsMinor: Amount,
  })
  .openapi('PenaltyPartnerTotal');

export const ReportSummarySchema = z
  .object({
    month: z.string(),
    state: z.enum(['draft', 'final']),
    timeZone: z.string(),
    periodStart: IsoTimestamp,
    periodEnd: IsoTimestamp,
    lineCount: z.number().int(),
    generatedAt: IsoTimestamp,
    generatedBy: z.string(),
    finalizedAt: IsoTimestamp.nullable(),
    finalizedBy: z.string().nullable(),
    totals: z
      .array(PartnerTotalSchema)
      .openapi({ description: 'Per partner and currency; currencies are never summed together' }),
  })
  .openapi('PenaltyReportSummary');

export const ReportLineSchema = z
  .object({
    lineId: z.string(),
    lineNo: z.number().int(),
    kind: z.enum(['breach', 'adjustment']),
    adjustsLineId: z
      .string()
      .nullable()
      .openapi({ description: 'The frozen line an adjustment corrects (null: a late breach)' }),
    outcomeId: z.string(),
    outcomeRevision: z.number().int(),
    breachId: z.string(),
    partnerId: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    ourReference: z.string(),
    partnerReference: z.string().nullable(),
    circuitId: z.string(),
    site: z.string(),
    olaId: z.string(),
    metric: z.string(),
    policyVersion: z.number().int(),
    dueAt: IsoTimestamp.nullable(),
    finalAt: IsoTimestamp,
    targetMs: z.number().int().nullable(),
    actualMs: z.number().int(),
    pausedMs: z.number().int(),
    clause: z.string().nullable(),
    clauseKind: z.string().nullable(),
    unit: z.string().nullable(),
    overrunUnits: z.number(),
    chargeableUnits: z.number(),
    rate: z.string().nullable(),
    amountBeforeCapsMinor: Amount,
    amountAfterBreachCapMinor: Amount,
    amountAfterCapsMinor: Amount,
    currency: CurrencyCode,
    cappedBy: z.string().nullable(),
    waiverId: z.string().nullable(),
    waiverReason: z.string().nullable(),
    explanation: z.string(),
  })
  .openapi('PenaltyReportLine');

export const ConformanceSchema = z
  .object({
    partnerId: z.string(),
    olaId: z.string(),
    metric: z.string(),
    entityType: z.string(),
    met: z.number().int(),
    breached: z.number().int(),
    percentage: z
      .number()
      .nullable()
      .openapi({ description: 'Met as a percentage of met + breached (null: none final)' }),
  })
  .openapi('OlaConformance');

export const ServiceTimesSchema = z
  .object({
    partnerId: z.string(),
    ordersCompleted: z.number().int(),
    meanTimeToProvideMs: z.number().int().nullable(),
    ticketsResolved: z.number().int(),
    meanTimeToRestoreMs: z.number().int().nullable(),
  })
  .openapi('PartnerServiceTimes');

export const ReportDetailSchema = ReportSummarySchema.extend({
  conformance: z.array(ConformanceSchema),
  serviceTimes: z.array(ServiceTimesSchema),
  lines: z.array(ReportLineSchema),
  nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page of lines' }),
}).openapi('PenaltyReport');

export const ReportLinesQuery = z.object({
  partnerId: z
    .string()
    .max(64)
    .optional()
    .openapi({ param: { name: 'partnerId', in: 'query' }, description: "Only this partner's lines" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(200)
    .openapi({ param: { name: 'limit', in: 'query' } }),
  cursor: z
    .string()
    .regex(/^\d+$/, 'must be a cursor this API gave out')
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' } }),
});

export const CsvQuery = z.object({
  partnerId: z
    .string()
    .min(1)
    .max(64)
    // A partner id (ptn_…); it also names the downloaded file, so nothing else may reach the header.
    .regex(/^[A-Za-z0-9_-]+$/, 'a partner id such as ptn_3k2VQn7m1cZx')
    .optional()
    .openapi({ param: { name: 'partnerId', in: 'query' }, description: "Only this partner's lines" }),
});

export const GeneratedSchema = z
  .object({ month: z.string(), state: z.literal('draft'), lines: z.number().int() })
  .openapi('PenaltyReportGenerated');

export const WaiverCreateSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(3)
      .max(1000)
      // The same floor, stated in the document (which cannot say "after trimming").
      .regex(/\S[\s\S]+\S/, 'at least 3 characters besides surrounding spaces'),
  })
  .openapi('BreachWaiverCreate');
export const WaiverSchema = z
  .object({
    id: z.string(),
    breachFactId: z.string(),
    reason: z.string(),
    waivedBy: z.string(),
    waivedAt: IsoTimestamp,
  })
  .openapi('BreachWaiver');

/** An amount of the report's kind (Amount: negative when adjustments give back) in its currency. */
const ForecastMoney = z.object({ amountMinor: Amount, currency: CurrencyCode });

export const LeakageForecastSchema = z
  .object({
    month: z.string(),
    partners: z.array(
      z.object({
        partnerId: z.string(),
        partnerName: z.string(),
        owed: z.array(ForecastMoney).openapi({ description: "The month's report totals after caps (draft or final)" }),
        expected: z.array(ForecastMoney).openapi({
          description:
            'Expected penalties from open orders and tickets due in the month: sum of their lines (partner caps not ' +
            'applied)',
        }),
      }),
    ),
    lines: z.array(
      z.object({
        orderId: z.string(),
        partnerId: z.string(),
        olaId: z.string(),
        dueAt: z.string(),
        onTimeProbability: z.number().min(0).max(1),
        expectedDeliveryAt: z.string().openapi({
          description: 'When a late delivery is expected: the median of the later deliveries of its history',
        }),
        ifLate: ForecastMoney.openapi({ description: "Its clause's price for a delivery then, after the breach cap" }),
        expected: ForecastMoney.openapi({ description: '(1 - onTimeProbability) x ifLate, rounded' }),
      }),
    ),
    notForecast: z.number().int().openapi({
      description: 'Open orders due in the month without enough delivery history, or without a penalty clause',
    }),
    ticketLines: z.array(
      z.object({
        ticketId: z.string(),
        partnerId: z.string(),
        olaId: z.string(),
        dueAt: z.string(),
        onTimeProbability: z
          .number()
          .min(0)
          .max(1)
          .openapi({
            description:
              "Of the partner's ticket clocks of this metric in the last year (every partner's when it has fewer than " +
              '10) that took a larger share of their target than this one has so far, the part that ended within it',
          }),
        expectedRestoreAt: z.string().openapi({
          description: 'When a late restoration is expected: at the median share of the target the late ones took',
        }),
        ifLate: ForecastMoney.openapi({
          description: "Its clause's price for a restoration then, after the breach cap",
        }),
        expected: ForecastMoney.openapi({ description: '(1 - onTimeProbability) x ifLate, rounded' }),
      }),
    ),
    ticketsNotForecast: z.number().int().openapi({
      description: "Open tickets' priced clocks due in the month without enough history to tell a chance",
    }),
  })
  .openapi('LeakageForecast');
