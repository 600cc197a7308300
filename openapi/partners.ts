import { z } from '@hono/zod-openapi';
import { BusinessCalendarSchema } from '../sla-rules/calendar-schema.js';
import { AdapterSettingsSchema } from './adapter-settings.js';
import { CountryCode, CurrencyCode, IsoTimestamp, NonBlank } from './common.js';

export const partnerStatuses = ['onboarding', 'active', 'suspended'] as const;
export type PartnerStatus = (typeof partnerStatuses)[number];
export const EscalationContactSchema = z
  .object({
    level: z.number().int().min(1).max(9),
    name: z.string().min(1).max(200),
    channel: z.enum(['email', 'phone', 'webhook']),
    address: z.string().min(3).max(500).openapi({ description: 'E-mail address, phone number or webhook URL' }),
  })
  .openapi('EscalationContact');

const partnerFields = {
  name: NonBlank(200).openapi({ example: 'Northern Fibre Ltd' }),
  country: CountryCode,
  status: z.enum(partnerStatuses),
  defaultCurrency: CurrencyCode,
  adapter: AdapterSettingsSchema,
  escalation: z.array(EscalationContactSchema).max(20),
  calendar: BusinessCalendarSchema,
};

const ActivationOverrideSchema = z
  .object({ reason: z.string().trim().min(10).max(1000) })
  .optional()
  .openapi({
    description:
      'Activates a carrier with an API of its own without a passing certification run (admins only; recorded with ' +
      'its reason). Without it, `status: active` needs the newest run of the adapter settings to have passed.',
  });

export const PartnerCreateSchema = z
  .object({
    ...partnerFields,
    activationOverride: ActivationOverrideSchema,
    status: partnerFields.status.default('onboarding'),
    escalation: partnerFields.escalation.default([]),
  })
  .openapi('PartnerCreate');
export type PartnerCreate = z.infer<typeof PartnerCreateSchema>;

export const PartnerUpdateSchema = z
  .object({ ...partnerFields, activationOverride: ActivationOverrideSchema })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'send at least one field to change')
  .openapi('PartnerUpdate');
export type PartnerUpdate = z.infer<typeof PartnerUpdateSchema>;

export const PartnerSchema = z
  .object({
    id: z.string().openapi({ example: 'ptn_3k2VQn7m1cZx' }),
    ...partnerFields,
    currentCoverageVersionId: z.string().nullable(),
    createdAt: IsoTimestamp,
    updatedAt: IsoTimestamp,
  })
  .openapi('Partner');
export type Partner = z.infer<typeof PartnerSchema>;
