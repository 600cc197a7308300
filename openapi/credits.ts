import { z } from '@hono/zod-openapi';
import { CurrencyCode, IsoTimestamp, MinorUnits, NonBlank, PageQuery } from './common.js';

/*
 * Credits collected: claims on finalized penalty lines, their steps (acknowledged, disputed, settled, written off),
 * totals and ageing per partner, and carriers' credit-note CSVs matched to the claims.
 */

const Day = z.iso.date({ error: 'must be a date as YYYY-MM-DD' }).openapi({ example: '2026-12-04' });
const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM, e.g. 2026-10')
  .openapi({ example: '2026-10', description: "The finalized report's month" });
const Reference = NonBlank(200);
const Reason = NonBlank(2000);
const SignedMinor = z.number().int().openapi({ description: 'Integer minor units' });

export const claimStates = ['owed', 'claimed', 'acknowledged', 'disputed', 'settled', 'writtenOff'] as const;

export const CreditClaimSchema = z
  .object({
    id: z.string().openapi({ example: 'clm_8Qm2c9vX0aK1pL3n' }),
    month: Month,
    lineId: z.string(),
    partnerId: z.string(),
    entityType: z.enum(['order', 'ticket']),
    entityId: z.string(),
    breachId: z.string(),
    olaId: z.string(),
    ourReference: z.string(),
    carrierOrderRef: z.string().nullable().openapi({ description: "The carrier's own order reference" }),
    carrierCircuitRef: z.string().nullable().openapi({ description: "The carrier's circuit reference" }),
    amountMinor: SignedMinor.openapi({ description: "The finalized line's amount, claimed" }),
    currency: CurrencyCode,
    state: z.enum(claimStates).exclude(['owed']),
    claimReference: z.string(),
    claimedOn: Day,
    claimedBy: z.string(),
    acknowledgedOn: Day.nullable(),
    disputeReason: z.string().nullable(),
    disputedOn: Day.nullable(),
    creditNoteReference: z.string().nullable(),
    receivedMinor: SignedMinor.nullable().openapi({ description: 'Received against it; less than claimed: short' }),
    settledOn: Day.nullable(),
    writeOffReason: z.string().nullable(),
    writtenOffOn: Day.nullable(),
    importId: z.string().nullable().openapi({ description: 'The credit-note import that settled it' }),
    updatedBy: z.string(),
    updatedAt: IsoTimestamp,
  })
  .openapi('CreditClaim');

export const ClaimableLineSchema = z
  .object({
    month: Month,
    lineId: z.string(),
    kind: z.enum(['breach', 'adjustment']),
    partnerId: z.string(),
    entityType: z.enum(['order', 'ticket']),
    entityId: z.string(),
    breachId: z.string(),
    olaId: z.string(),
    ourReference: z.string(),
    carrierOrderRef: z.string().nullable(),
    carrierCircuitRef: z.string().nullable(),
    dueAt: IsoTimestamp.nullable(),
    finalAt: IsoTimestamp,
    amountMinor: SignedMinor,
    currency: CurrencyCode,
    claimId: z.string().nullable(),
    claimState: z.enum(claimStates).openapi({ description: 'owed: not claimed yet' }),
  })
  .openapi('ClaimableLine');

export const ClaimableLinesQuery = z.object({
  month: Month.openapi({ param: { name: 'month', in: 'query' } }),
  partnerId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'partnerId', in: 'query' } }),
});

export const ClaimCreateSchema = z
  .object({
    month: Month,
    partnerId: z.string().min(1).max(64),
    lineIds: z
      .array(z.string().min(1).max(64))
      .min(1)
      .max(10_000)
      .optional()
      .openapi({ description: "The lines to claim; every owed line of the partner's month when absent" }),
    claimReference: Reference.openapi({ example: 'CLM-2026-10-FIBRE' }),
    claimedOn: Day,
  })
  .openapi('CreditClaimCreate');

export const ClaimListQuery = PageQuery.extend({
  partnerId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ param: { name: 'partnerId', in: 'query' } }),
  state: z
    .enum(claimStates)
    .exclude(['owed'])
    .optional()
    .openapi({ param: { name: 'state', in: 'query' } }),
});

export const AcknowledgeSchema = z.object({ on: Day }).openapi('CreditClaimAcknowledgement');
export const DisputeSchema = z
  .object({ on: Day, reason: Reason.openapi({ example: 'Carrier says the site was not ready' }) })
  .openapi('CreditClaimDispute');
export const SettleSchema = z
  .object({ on: Day, creditNoteReference: Reference, receivedMinor: MinorUnits })
  .openapi('CreditClaimSettlement');
export const WriteOffSchema = z.object({ on: Day, reason: Reason }).openapi('CreditClaimWriteOff');

export const ClaimEvidenceSchema = z
  .object({
    clock: z
      .object({
        olaId: z.string(),
        metric: z.string(),
        measure: z.string(),
        calendar: z.string(),
        startedAt: IsoTimestamp.nullable(),
        dueAt: IsoTimestamp.nullable(),
        breachedAt: IsoTimestamp.nullable(),
        finalAt: IsoTimestamp,
        targetMs: z.number().int().nullable(),
        elapsedMs: z.number().int(),
        pausedMs: z.number().int(),
        overrunMs: z.number().int(),
        explanation: z.string().nullable().openapi({ description: 'Which instants the clock used and why' }),
      })
      .nullable(),
    events: z.array(
      z.object({
        type: z.string(),
        source: z.string(),
        fromState: z.string().nullable(),
        toState: z.string().nullable(),
        outcome: z.string(),
        occurredAt: IsoTimestamp,
        receivedAt: IsoTimestamp,
        detail: z.string().nullable(),
      }),
    ),
  })
  .openapi('CreditClaimEvidence');

export const ClaimWithEvidenceSchema = CreditClaimSchema.extend({ evidence: ClaimEvidenceSchema }).openapi(
  'CreditClaimWithEvidence',
);

const Totals = z.object({
  partnerId: z.string(),
  partnerName: z.string(),
  currency: CurrencyCode,
  owedMinor: SignedMinor.openapi({ description: "What the partner's final reports say it owes" }),
  claimedMinor: SignedMinor,
  unclaimedMinor: SignedMinor.openapi({ description: 'owed - claimed' }),
  disputedMinor: SignedMinor.openapi({ description: 'Claimed and disputed now' }),
  receivedMinor: SignedMinor,
  writtenOffMinor: SignedMinor,
});

export const CreditSummarySchema = z
  .object({
    totals: z.array(Totals),
    ageing: z.array(
      z.object({
        partnerId: z.string(),
        currency: CurrencyCode,
        bucket: z.enum(['0-30', '31-60', '61-90', '91+']).openapi({ description: 'Days since claimed' }),
        claims: z.number().int(),
        amountMinor: SignedMinor.openapi({ description: 'Still to receive on those claims' }),
      }),
    ),
  })
  .openapi('CreditSummary');
