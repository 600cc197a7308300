import { z } from '@hono/zod-openapi';
import { IsoTimestamp } from './common.js';

export const CertificationCheckSchema = z
  .object({
    id: z.string().openapi({ example: 'tmf622.list-fields' }),
    title: z.string(),
    outcome: z.enum(['passed', 'failed', 'skipped']),
    request: z.string().optional().openapi({ description: 'The request the check judged, e.g. `GET https://…`' }),
    status: z.number().int().optional().openapi({ description: "The carrier's HTTP status" }),
    detail: z.string().optional().openapi({ description: 'Why it failed or was skipped' }),
    specErrors: z
      .array(z.string())
      .optional()
      .openapi({ description: "The official file's complaints about the payload (ours or the carrier's)" }),
  })
  .openapi('CertificationCheck');

export const CertificationReportSchema = z
  .object({
    id: z.string().openapi({ example: 'cert_3k2VQn7m1cZx' }),
    partnerId: z.string(),
    partnerName: z.string(),
    outcome: z.enum(['passed', 'failed']).openapi({ description: 'passed: every check passed (none skipped)' }),
    adapter: z.object({ orderingApi: z.string(), troubleTicketApi: z.string(), baseUrl: z.string().nullable() }),
    adapterFingerprint: z
      .string()
      .openapi({ description: 'The adapter settings the run certified; activation needs a run of the current ones' }),
    startedAt: IsoTimestamp,
    finishedAt: IsoTimestamp,
    runBy: z.string().openapi({ description: 'The API key that ran it' }),
    summary: z.object({ passed: z.number().int(), failed: z.number().int(), skipped: z.number().int() }),
    checks: z.array(CertificationCheckSchema),
  })
  .openapi('CertificationReport');

export const CertificationSummarySchema = CertificationReportSchema.omit({ checks: true }).openapi(
  'CertificationSummary',
);

export const PartnerActivationSchema = z
  .object({
    id: z.string(),
    ground: z.enum(['certified', 'override', 'noApi']).openapi({
      description: 'certified: a passing run; override: an admin activated it without one; noApi: nothing to certify',
    }),
    certificationId: z.string().nullable(),
    overrideReason: z.string().nullable(),
    activatedBy: z.string(),
    activatedAt: IsoTimestamp,
  })
  .openapi('PartnerActivation');

export const CertificationParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'ptn_3k2VQn7m1cZx', description: 'Partner id' }),
  certificationId: z
    .string()
    .min(1)
    .max(64)
    .openapi({
      param: { name: 'certificationId', in: 'path' },
      example: 'cert_3k2VQn7m1cZx',
      description: 'Certification run id',
    }),
});
