import { z } from '@hono/zod-openapi';
import { IsoTimestamp } from './common.js';
import { deliveryScopes } from './qualification.js';

const ClockJeopardySchema = z.object({ threshold: z.number(), at: IsoTimestamp.nullable(), reached: z.boolean() });

const ClockStopSchema = z
  .object({
    at: IsoTimestamp,
    receivedAt: IsoTimestamp,
    claimedAt: IsoTimestamp,
    basis: z.enum(['received', 'claimed', 'bounded', 'untrusted']).openapi({
      description:
        "received: Tailgate's receipt (the OLA counts receipts, or the claim was no earlier); claimed: the sender's " +
        'own time; bounded: the earliest instant allowed, the claim being earlier; untrusted: the receipt, the ' +
        'claim not being believable (`note`)',
    }),
    allowedMs: z.number().int().openapi({
      description: "How far before its receipt the stop could lie: the OLA's claimTolerance plus ownDelayMs",
    }),
    ownDelayMs: z.number().int().openapi({
      description: 'Of the delay, what Tailgate knows was its own: its downtime, or the time between polls',
    }),
    note: z.string().optional(),
  })
  .openapi('ClockStop');

/** One OLA clock as sla-rules computes it (see sla-rules/types.ts Clock), with its explanation. */
export const ClockSchema = z
  .object({
    olaId: z.string(),
    metric: z.string(),
    policyId: z.string(),
    policyVersion: z.number().int(),
    state: z.enum(['notStarted', 'running', 'paused', 'met', 'breached', 'cancelled']),
    measure: z.enum(['business', 'clock']),
    calendar: z.string(),
    targetMs: z.number().nullable(),
    startedAt: IsoTimestamp.nullable(),
    startedBy: z.string().nullable().openapi({
      description: 'What started it: `submitted` (the carrier accepted it), `created`, or `state <name>` and the like',
    }),
    dueAt: IsoTimestamp.nullable(),
    breachedAt: IsoTimestamp.nullable(),
    stoppedAt: IsoTimestamp.nullable(),
    stop: ClockStopSchema.nullable(),
    elapsedMs: z.number(),
    remainingMs: z.number().nullable(),
    pausedMs: z.number(),
    percentage: z.number().nullable(),
    pauses: z.array(
      z
        .object({ from: IsoTimestamp, to: IsoTimestamp.optional(), claimedAt: IsoTimestamp, reason: z.string() })
        .passthrough(),
    ),
    jeopardy: z.array(ClockJeopardySchema),
    penalty: z.object({ clause: z.string() }).nullable(),
    explanation: z.string().openapi({
      description: 'The instants the clock used and why, in one sentence (also on breaches and penalty lines)',
    }),
  })
  .passthrough()
  .openapi('Clock');

/** What a fact (a jeopardy or a breach) is about: the entity, its partner and the OLA of the policy version. */
const factSubject = {
  id: z.string(),
  entityType: z.enum(['order', 'ticket']),
  entityId: z.string(),
  partnerId: z.string(),
  olaId: z.string(),
  metric: z.string(),
  policyVersion: z.number().int(),
};

export const BreachSchema = z
  .object({
    ...factSubject,
    at: IsoTimestamp,
    dueAt: IsoTimestamp.nullable(),
    detectedAt: IsoTimestamp,
    standing: z.boolean().openapi({
      description:
        'False when the clock was met after all: a stop received after the due instant whose claimed time, within ' +
        'its bounds, came before it (say, the carrier completed while Tailgate was down). Only standing breaches ' +
        'reach the penalty report',
    }),
    explanation: z.string().nullable().openapi({
      description:
        "The instants the clock used and why: its final outcome's, else as it was when the breach was recorded",
    }),
  })
  .openapi('Breach');

export const SlaFactSchema = z
  .object({
    ...factSubject,
    kind: z.enum(['jeopardy', 'breach', 'carrierJeopardy', 'predictedJeopardy']).openapi({
      description:
        "predictedJeopardy: the order's chance of delivery by its due instant fell below PREDICTED_JEOPARDY_BELOW " +
        '(threshold: that level in percent), before any elapsed-time threshold',
    }),
    threshold: z.number().int(),
    at: IsoTimestamp,
    dueAt: IsoTimestamp.nullable(),
    detectedAt: IsoTimestamp,
    detail: z.string().nullable(),
  })
  .openapi('SlaFact');

export const DeliveryRiskSchema = z
  .object({
    partnerId: z.string(),
    olaId: z.string(),
    metric: z.string(),
    policyVersion: z.number().int(),
    dueAt: IsoTimestamp,
    onTimeProbability: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .openapi({
        description:
          "Chance of delivery by dueAt given it is not delivered yet, from the partner's delivery history (the " +
          "offers' deliveryEstimate curves, Kaplan-Meier, in whole working days): 1 - S(due) / S(waited - 1); 0 once " +
          'due; null without enough history, or when no order in it waited this long',
      }),
    workingDaysWaited: z.number().int().min(0),
    workingDaysToDue: z.number().int().min(0),
    basis: z
      .object({
        scope: z.enum(deliveryScopes),
        completions: z.number().int(),
        observations: z.number().int(),
      })
      .nullable(),
  })
  .openapi('DeliveryRisk', {
    description: "An open order's delivery clock (an OLA stopped by completion) and its chance of being met",
  });

export const SlaViewSchema = z
  .object({
    entityType: z.enum(['order', 'ticket']),
    entityId: z.string(),
    policy: z
      .object({ id: z.string(), policyId: z.string(), version: z.number().int(), effectiveFrom: z.string() })
      .nullable(),
    clocks: z.array(ClockSchema),
    facts: z.array(SlaFactSchema),
    deliveryRisk: DeliveryRiskSchema.nullable().openapi({
      description: 'For an open order with a delivery clock; null otherwise (tickets too)',
    }),
  })
  .openapi('SlaView');

export const AtRiskSchema = z
  .object({
    entityType: z.enum(['order', 'ticket']),
    entityId: z.string(),
    partnerId: z.string(),
    clock: ClockSchema,
    timeToBreachMs: z.number(),
    thresholdsReached: z.array(z.number()),
    carrierDeclared: z.boolean(),
    predicted: z.boolean().openapi({
      description: "A predictedJeopardy was recorded on this clock's OLA: from delivery history, likely late",
    }),
    onTimeProbability: z.number().min(0).max(1).nullable().openapi({
      description: "An order's chance of delivery on time (its SLA view's deliveryRisk); null for a ticket, or unknown",
    }),
  })
  .openapi('AtRisk');
