import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import {
  findActiveApiKeyBySecret,
  generateApiKeySecret,
  hasActiveAdminKey,
  insertApiKey,
} from '../db/repositories/api-keys.js';
import { isUniqueViolation } from '../db/execute.js';

/**
 * Makes sure an admin can get in on first start: ADMIN_API_KEY is registered if new; with no admin key at all,
 * one is generated and written to `<dataDir>/admin-api-key` (mode 600) so the operator can read it once.
 */
export async function ensureAdminKey(
  db: Db,
  opts: { adminApiKey: string | undefined; dataDir: string; log: Logger },
): Promise<void> {
  if (opts.adminApiKey) {
    if (!(await findActiveApiKeyBySecret(db, opts.adminApiKey))) {
      try {
        await insertApiKey(db, {
          name: 'bootstrap admin (ADMIN_API_KEY)',
          role: 'admin',
          partnerId: null,
          secret: opts.adminApiKey,
        });
        opts.log.info('registered ADMIN_API_KEY as an admin key');
      } catch (err) {
        // Another process starting at the same time may have registered it first; a revoked key stays revoked.
        if (!isUniqueViolation(err)) throw err;
        if (!(await findActiveApiKeyBySecret(db, opts.adminApiKey)))
          throw new Error('ADMIN_API_KEY was revoked: set a new one', { cause: err });
      }
    }
    return;
  }
  if (await hasActiveAdminKey(db)) return;
  const secret = generateApiKeySecret();
  await insertApiKey(db, { name: 'bootstrap admin (generated)', role: 'admin', partnerId: null, secret });
  const file = path.join(opts.dataDir, 'admin-api-key');
  fs.mkdirSync(opts.dataDir, { recursive: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  opts.log.warn({ file }, 'no admin key existed: generated one and wrote it to this file');
}
