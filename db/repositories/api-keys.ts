import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { apiKeys } from '../schema.js';
import type { Role } from '../../openapi/common.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export const hashApiKey = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function generateApiKeySecret(): string {
  return `tg_${randomBytes(24).toString('base64url')}`;
}

export function insertApiKey(
  db: Db,
  input: { name: string; role: Role; partnerId: string | null; secret: string },
): ApiKeyRow {
  return db
    .insert(apiKeys)
    .values({
      id: newId('key'),
      name: input.name,
      role: input.role,
      partnerId: input.partnerId,
      keyHash: hashApiKey(input.secret),
      keyPrefix: input.secret.slice(0, 7),
    })
    .returning()
    .get();
}

export function findActiveApiKeyBySecret(db: Db, secret: string): ApiKeyRow | undefined {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(secret)), isNull(apiKeys.revokedAt)))
    .get();
}

export function listApiKeys(db: Db): ApiKeyRow[] {
  return db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id)).all();
}

export function getApiKey(db: Db, id: string): ApiKeyRow | undefined {
  return db.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
}

export function revokeApiKey(db: Db, id: string, at: Date): ApiKeyRow | undefined {
  return db
    .update(apiKeys)
    .set({ revokedAt: at.toISOString() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning()
    .get();
}

export function hasActiveAdminKey(db: Db): boolean {
  return !!db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.role, 'admin'), isNull(apiKeys.revokedAt)))
    .get();
}

/** Revokes every active key of a partner with this name (e.g. a credential that is re-issued at each start). */
export function revokeApiKeysNamed(db: Db, partnerId: string, name: string, at: Date): void {
  db.update(apiKeys)
    .set({ revokedAt: at.toISOString() })
    .where(and(eq(apiKeys.partnerId, partnerId), eq(apiKeys.name, name), isNull(apiKeys.revokedAt)))
    .run();
}
