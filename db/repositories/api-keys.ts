import { queryAll, queryFirst, queryRun, statement } from '../execute.js';
import { hash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { turnGeneration } from './turn-generation.js';
import { newId } from '../ids.js';
import { apiKeys } from '../schema.js';
import type { Role } from '../../openapi/common.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

// One-shot hashing: every request hashes its key, and a Hash object per request cost twice as much.
export const hashApiKey = (secret: string) => hash('sha256', secret, 'hex');

export function generateApiKeySecret(): string {
  return `tg_${randomBytes(24).toString('base64url')}`;
}

export function insertApiKey(
  db: Db,
  input: { name: string; role: Role; partnerId: string | null; secret: string },
): Promise<ApiKeyRow> {
  return withConnection(db, async () => {
    return await queryFirst(
      db
        .insert(apiKeys)
        .values({
          id: newId('key'),
          name: input.name,
          role: input.role,
          partnerId: input.partnerId,
          keyHash: hashApiKey(input.secret),
          keyPrefix: input.secret.slice(0, 7),
        })
        .returning(),
    );
  });
}

export function findActiveApiKeyBySecret(db: Db, secret: string): Promise<ApiKeyRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(
      db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.keyHash, hashApiKey(secret)), isNull(apiKeys.revokedAt))),
    );
  });
}

/** What a request needs to know about the key it came with. */
export type KeyHolder = { id: string; role: Role; partnerId: string | null };

/**
 * How long an active key is remembered without asking the database again. A revocation in any process (this one, a
 * CLI, a second API server) moves the key generation (migration 0024), and every process forgets the keys it
 * remembers from the next request on; the TTL only bounds how long a key nobody uses stays remembered.
 */
export const KEY_CACHE_TTL_MS = 5_000;
const keyGeneration = turnGeneration('SELECT generation FROM api_key_generation WHERE id = 1');
/** Active keys remembered per connection; past this the oldest are forgotten (each is asked for again). */
const KEY_CACHE_MAX = 10_000;

type KeyCache = {
  known: Map<string, { holder: KeyHolder; until: number }>;
  /** The key generation the remembered keys were read under. */
  generation: number;
};
const keyCaches = new WeakMap<object, KeyCache>();
const lookupSql = 'SELECT id, role, partner_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL';

async function keyCacheOf(db: Db): Promise<KeyCache> {
  let cache = keyCaches.get(db.$client);
  if (!cache) {
    cache = { known: new Map(), generation: await keyGeneration.read(db) };
    keyCaches.set(db.$client, cache);
  }
  return cache;
}

/**
 * The holder of an active key, or undefined (unknown or revoked). Every request authenticates, so a key found
 * active is remembered by its hash (never the secret) for KEY_CACHE_TTL_MS; unknown keys are always looked up.
 */
export function authenticateApiKey(db: Db, secret: string): Promise<KeyHolder | undefined> {
  return withConnection(db, async () => {
    const cache = await keyCacheOf(db);
    const generation = await keyGeneration.read(db);
    if (cache.generation !== generation) {
      cache.known.clear();
      cache.generation = generation;
    }
    const hash = hashApiKey(secret);
    const now = performance.now();
    const known = cache.known.get(hash);
    if (known && known.until > now) return known.holder;
    const row = (await statement(db, lookupSql).raw().get(hash)) as [string, Role, string | null] | undefined;
    if (!row) {
      cache.known.delete(hash);
      return undefined;
    }
    const holder: KeyHolder = { id: row[0], role: row[1], partnerId: row[2] };
    // Not kept if the key generation moved while this lookup awaited: the key may have been revoked meanwhile.
    if (cache.generation !== generation) return holder;
    cache.known.delete(hash);
    if (cache.known.size >= KEY_CACHE_MAX) cache.known.delete(cache.known.keys().next().value as string);
    cache.known.set(hash, { holder, until: now + KEY_CACHE_TTL_MS });
    return holder;
  });
}

/** After a revocation through this connection: its next request reads the moved generation and forgets keys. */
function forgetKnownKeys(db: Db): void {
  keyGeneration.written(db);
}

export function listApiKeys(db: Db): Promise<ApiKeyRow[]> {
  return withConnection(db, async () => {
    return await queryAll(db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id)));
  });
}

export function getApiKey(db: Db, id: string): Promise<ApiKeyRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(db.select().from(apiKeys).where(eq(apiKeys.id, id)));
  });
}

export function revokeApiKey(db: Db, id: string, at: Date): Promise<ApiKeyRow | undefined> {
  return withConnection(db, async () => {
    const row = await queryFirst(
      db
        .update(apiKeys)
        .set({ revokedAt: at.toISOString() })
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning(),
    );
    forgetKnownKeys(db);
    return row;
  });
}

export function hasActiveAdminKey(db: Db): Promise<boolean> {
  return withConnection(db, async () => {
    return !!(await queryFirst(
      db
        .select({ id: apiKeys.id })
        .from(apiKeys)
        .where(and(eq(apiKeys.role, 'admin'), isNull(apiKeys.revokedAt))),
    ));
  });
}

/**
 * Revokes every active key of a partner (null: staff keys) with this name (e.g. a credential that is re-issued at
 * each start).
 */
export function revokeApiKeysNamed(db: Db, partnerId: string | null, name: string, at: Date): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(
      db
        .update(apiKeys)
        .set({ revokedAt: at.toISOString() })
        .where(
          and(
            partnerId === null ? isNull(apiKeys.partnerId) : eq(apiKeys.partnerId, partnerId),
            eq(apiKeys.name, name),
            isNull(apiKeys.revokedAt),
          ),
        ),
    );
    forgetKnownKeys(db);
  });
}
