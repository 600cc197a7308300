import { z } from '@hono/zod-openapi';
import { IsoTimestamp, NonBlank, roles } from './common.js';

export const ApiKeyCreateSchema = z
  .object({
    name: NonBlank(200).openapi({ example: 'order desk' }),
    role: z.enum(roles),
    partnerId: z.string().min(1).optional().openapi({ description: 'Required for, and only for, the partner role' }),
  })
  .refine((k) => (k.role === 'partner') === !!k.partnerId, {
    message: 'partnerId is required for the partner role and not allowed otherwise',
    path: ['partnerId'],
  })
  // The same rule, stated in the document (zod's refine is invisible to it).
  .openapi('ApiKeyCreate', {
    oneOf: [
      { properties: { role: { const: 'partner' } }, required: ['partnerId'] },
      { properties: { role: { enum: roles.filter((r) => r !== 'partner') } }, not: { required: ['partnerId'] } },
    ],
  });

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(roles),
    partnerId: z.string().nullable(),
    keyPrefix: z.string().openapi({ description: 'First characters of the secret, to recognise it' }),
    createdAt: IsoTimestamp,
    revokedAt: IsoTimestamp.nullable(),
  })
  .openapi('ApiKey');

export const ApiKeyCreatedSchema = ApiKeySchema.extend({
  secret: z.string().openapi({ description: 'Shown once; only its hash is stored' }),
}).openapi('ApiKeyCreated');
