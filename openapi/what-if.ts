import { z } from '@hono/zod-openapi';
import { orderStates } from '../sla-rules/order-states.js';
import { ticketStatuses } from '../sla-rules/ticket-states.js';
import { CurrencyCode, IsoTimestamp, MinorUnits } from './common.js';
import { ReportLineSchema } from './reports.js';
import { ClockSchema } from './sla.js';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM, e.g. 2026-10');
/** Whole months a history what-if measures at most: a year's contract. */
export const MAX_WHAT_IF_MONTHS = 12;
const Amount = z.number().int().openapi({ description: 'Integer minor units' });
const yearIn = (text: string) => Number(new Date(text).getUTCFullYear());
/** An instant a what-if measures from: ISO-8601 with its offset, in a year calendars can be expanded for. */
const Instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO-8601 instant with its offset, e.g. 2026-03-02T09:00:00Z' })
  .refine((t) => yearIn(t) >= 2000 && yearIn(t) <= 2099, 'must lie in the years 2000 to 2099')
  .openapi({ example: '2026-11-22T09:30:00Z' });

const PolicyChoiceSchema = z
  .union([
    z.object({ version: z.number().int().min(1).openapi({ description: "One of the partner's stored versions" }) }),
    z.object({
      document: z.string().min(1).max(1_000_000).openapi({
        description: 'An unsaved draft: a policy document (YAML or JSON text), validated as an upload is',
      }),
      format: z.enum(['yaml', 'json']).optional().openapi({ description: 'Default: JSON when it starts with `{`' }),
    }),
  ])
  .openapi('WhatIfPolicy');

const WhatIfEventSchema = z
  .object({
    at: Instant.openapi({ description: 'When Tailgate received it (the clocks run on receipts)' }),
    event: z.enum(['placed', 'submitted', 'state', 'committedDate']).openapi({
      description:
        'placed: the desk placed the order or raised the ticket (first, once); submitted: the carrier could take it ' +
        "(its API accepted our request); without one, the carrier's first event is; state: the carrier reported " +
        '`state`; committedDate: the carrier committed to `committedDate`',
    }),
    state: z
      .string()
      .optional()
      .openapi({ description: 'A TMF622 order state or TMF621 ticket status', example: 'pending' }),
    committedDate: z
      .union([z.iso.date(), Instant], { error: 'must be a date (YYYY-MM-DD) or an ISO-8601 instant' })
      .optional()
      .openapi({ description: 'A bare date means close of business that day' }),
    claimedAt: Instant.optional().openapi({
      description: "The carrier's own time for a state; a stop counts at it within the OLA's bounds",
    }),
  })
  .openapi('WhatIfEvent');

export const WhatIfTimelineSchema = z
  .object({
    entity: z.enum(['order', 'ticket']),
    product: z.string().optional().openapi({ example: 'ETH-100' }),
    priority: z.enum(['P1', 'P2', 'P3', 'P4']).optional().openapi({ description: "A ticket's priority" }),
    leadTimeDays: z.number().int().min(0).optional(),
    charges: z
      .object({ monthlyMinor: MinorUnits, installMinor: MinorUnits, currency: CurrencyCode })
      .optional()
      .openapi({ description: "The circuit's charges (default: none, in the partner's currency)" }),
    asOf: Instant.optional().openapi({
      description: 'Measure a timeline that is still open at this instant (default: now)',
    }),
    events: z.array(WhatIfEventSchema).min(1).max(1_000),
  })
  .superRefine((t, ctx) => {
    const valid: readonly string[] = t.entity === 'order' ? orderStates : ticketStatuses;
    t.events.forEach((e, i) => {
      const at = (field: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: ['events', i, field], message });
      if ((e.event === 'placed') !== (i === 0)) at('event', 'a timeline starts with one `placed` event, and only one');
      if (i > 0 && Date.parse(e.at) < Date.parse(t.events[i - 1]!.at)) at('at', 'events must be in time order');
      if (e.event === 'state' && (!e.state || !valid.includes(e.state)))
        at(
          'state',
          `must be one of the ${t.entity === 'order' ? 'order states' : 'ticket statuses'}: ${valid.join(', ')}`,
        );
      if (e.event === 'committedDate' && !e.committedDate) at('committedDate', 'a committedDate event needs the date');
    });
  })
  .openapi('WhatIfTimeline');

export const WhatIfRequestSchema = z
  .object({
    policy: PolicyChoiceSchema,
    timeline: WhatIfTimelineSchema.optional().openapi({ description: '(a) A timeline to measure' }),
    months: z
      .array(Month)
      .min(1)
      .max(MAX_WHAT_IF_MONTHS)
      .optional()
      .openapi({
        description: '(b) Months (finance time zone) whose recorded orders and tickets of the partner to measure again',
        example: ['2026-09', '2026-10'],
      }),
  })
  .refine((r) => r.timeline !== undefined || r.months !== undefined, {
    path: ['timeline'],
    message: 'give a timeline, months, or both',
  })
  .openapi('WhatIfRequest');

const MonthTotalSchema = z.object({
  currency: CurrencyCode,
  lines: z.number().int(),
  amountBeforeCapsMinor: Amount,
  amountAfterCapsMinor: Amount,
});

const WhatIfLineSchema = ReportLineSchema.pick({
  olaId: true,
  metric: true,
  dueAt: true,
  finalAt: true,
  clause: true,
  clauseKind: true,
  unit: true,
  overrunUnits: true,
  chargeableUnits: true,
  rate: true,
  amountBeforeCapsMinor: true,
  amountAfterBreachCapMinor: true,
  amountAfterCapsMinor: true,
  currency: true,
  explanation: true,
})
  .extend({
    month: Month,
    lineNo: z.number().int(),
    entityType: z.enum(['order', 'ticket']),
    entityId: z.string().openapi({ description: '`timeline` for the timeline asked about' }),
    overrunMs: z.number().int(),
    cappedBy: z.enum(['monthly', 'rolling12Months']).nullable(),
  })
  .openapi('WhatIfLine');

const FinalOutcomeSchema = z
  .object({
    olaId: z.string(),
    metric: z.string(),
    state: z.enum(['met', 'breached', 'cancelled']),
    startedAt: IsoTimestamp.nullable(),
    dueAt: IsoTimestamp.nullable(),
    breachedAt: IsoTimestamp.nullable(),
    finalAt: IsoTimestamp,
    elapsedMs: z.number(),
    overrunMs: z.number(),
    pausedMs: z.number(),
    clause: z.string().nullable(),
    explanation: z.string(),
  })
  .passthrough();

export const WhatIfResponseSchema = z
  .object({
    policy: z.object({
      id: z.string().openapi({ description: 'The stored version id, or `draft_<hash>` for an unsaved draft' }),
      source: z.enum(['stored', 'draft']),
      version: z.number().int(),
      effectiveFrom: z.string(),
    }),
    timeline: z
      .object({
        measuredAt: IsoTimestamp.openapi({
          description: 'When it reached a final state (where the clock watch takes its last measure), else asOf',
        }),
        finishedAt: IsoTimestamp.nullable(),
        clocks: z.array(ClockSchema),
        facts: z.array(
          z.object({
            olaId: z.string(),
            kind: z.enum(['jeopardy', 'breach']),
            threshold: z.number().openapi({ description: 'Percent of the target; 100 for a breach' }),
            at: IsoTimestamp,
          }),
        ),
        outcomes: z.array(FinalOutcomeSchema).openapi({ description: 'What the clock watch records as final' }),
        months: z.array(
          z.object({ month: Month, lines: z.array(WhatIfLineSchema), totals: z.array(MonthTotalSchema) }),
        ),
      })
      .optional(),
    history: z
      .object({
        months: z.array(
          z.object({
            month: Month,
            draft: z.object({
              met: z.number().int(),
              breached: z.number().int(),
              cancelled: z.number().int(),
              totals: z.array(MonthTotalSchema),
            }),
            report: z
              .object({ state: z.enum(['draft', 'final']), totals: z.array(MonthTotalSchema) })
              .nullable()
              .openapi({
                description: "The month's penalty report for the partner as it stands; null: none generated",
              }),
          }),
        ),
        ordersMeasured: z.number().int(),
        ticketsMeasured: z.number().int(),
        lines: z.array(WhatIfLineSchema),
      })
      .optional(),
  })
  .openapi('WhatIfResult');
