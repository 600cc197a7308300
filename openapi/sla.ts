import { z } from '@hono/zod-openapi';
import { IsoTimestamp } from './common.js';

const ClockJeopardySchema = z.object({ threshold: z.number(), at: IsoTimestamp.nullable(), reached: z.boolean() });

/** One OLA clock as sla-rules computes it (see sla-rules/types.ts Clock). */
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
    dueAt: IsoTimestamp.nullable(),
    breachedAt: IsoTimestamp.nullable(),
    stoppedAt: IsoTimestamp.nullable(),
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
  })
  .passthrough()
  .openapi('Clock');

export const SlaFactSchema = z
  .object({
    id: z.string(),
    entityType: z.enum(['order', 'ticket']),
    entityId: z.string(),
    partnerId: z.string(),
    olaId: z.string(),
    metric: z.string(),
    policyVersion: z.number().int(),
    kind: z.enum(['jeopardy', 'breach', 'carrierJeopardy']),
    threshold: z.number().int(),
    at: IsoTimestamp,
    dueAt: IsoTimestamp.nullable(),
    detectedAt: IsoTimestamp,
    detail: z.string().nullable(),
  })
  .openapi('SlaFact');

export const SlaViewSchema = z
  .object({
    entityType: z.enum(['order', 'ticket']),
    entityId: z.string(),
    policy: z
      .object({ id: z.string(), policyId: z.string(), version: z.number().int(), effectiveFrom: z.string() })
      .nullable(),
    clocks: z.array(ClockSchema),
    facts: z.array(SlaFactSchema),
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
  })
  .openapi('AtRisk');
