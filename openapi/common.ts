import { z } from '@hono/zod-openapi';

export const roles = ['admin', 'desk', 'finance', 'partner'] as const;
export type Role = (typeof roles)[number];

/**
 * Free text that must say something: trimmed, then at least one character. The document states it as a pattern (a
 * character JavaScript's trim keeps), so a client knows a blank string is refused.
 */
export const NonBlank = (max: number) => z.string().trim().min(1).max(max).openapi({ pattern: '[^\\s\\ufeff]' });

export const IsoTimestamp = z.string().openapi({ example: '2026-11-22T09:30:00.000Z', description: 'UTC, ISO-8601' });
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as GBP')
  .openapi({ example: 'GBP' });
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as GB')
  .openapi({ example: 'GB' });
export const MinorUnits = z
  .number()
  .int()
  .min(0)
  .openapi({ description: 'Integer minor units (pence, cents)', example: 45000 });

export const Money = z.object({ amountMinor: MinorUnits, currency: CurrencyCode }).openapi('Money');
export type Money = z.infer<typeof Money>;

export const IdParam = (name: string, example: string) =>
  z.object({
    id: z
      .string()
      .min(1)
      .max(64)
      .openapi({ param: { name: 'id', in: 'path' }, example, description: `${name} id` }),
  });

/** The header a create needs, so a client can retry it safely (declared on each route that requires it). */
export const IdempotencyKeyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .openapi({
      param: { name: 'idempotency-key', in: 'header' },
      example: '7f3c0b4e-2d1a-4c55-9e0f-6a1b2c3d4e5f',
      description: 'Same key and body: the first response again; same key, other body: 422; while in flight: 409',
    }),
});

export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(50)
    .openapi({ param: { name: 'limit', in: 'query' } }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'From `nextCursor`' }),
});

export const page = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
