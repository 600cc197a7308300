import { z } from '@hono/zod-openapi';
import { PartnerCreateSchema } from './partners.js';

/** The partner a guided onboarding registers: as POST /api/v1/partners takes it, always registered `onboarding`. */
export const OnboardingPartnerSchema = PartnerCreateSchema.omit({ status: true, activationOverride: true });

export const OnboardingOverrideSchema = z
  .object({ reason: z.string().trim().min(10).max(1000) })
  .optional()
  .openapi({ description: 'Activate even without a passing certification run (recorded with its reason)' });

export const OnboardingRequestSchema = z
  .object({
    partner: OnboardingPartnerSchema,
    coverageCsv: z
      .string()
      .min(1)
      .openapi({ description: 'The coverage CSV as POST /api/v1/partners/{id}/coverage takes it (whole file)' }),
    olaPolicy: z.string().min(1).openapi({ description: 'The OLA policy document (YAML, or JSON)' }),
    olaPolicyFormat: z.enum(['yaml', 'json']).default('yaml'),
    activationOverride: OnboardingOverrideSchema,
  })
  .openapi('OnboardingRequest');

export const OnboardingOutcomeSchema = z
  .object({
    partnerId: z.string().nullable(),
    certificationId: z.string().nullable(),
    activated: z.boolean().openapi({ description: 'Whether every step passed and the partner is now active' }),
    steps: z.array(
      z.object({
        step: z.enum(['partner', 'coverage', 'policy', 'certification', 'activation']),
        outcome: z.enum(['done', 'failed', 'skipped']),
        ms: z.number().int(),
        detail: z.string().optional(),
      }),
    ),
  })
  .openapi('OnboardingOutcome');
