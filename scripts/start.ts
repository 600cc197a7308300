import { ensureAdminKey } from '../api/bootstrap.js';
import { loadEnv } from '../api/env.js';
import { createLogger } from '../api/logger.js';
import { startApiServer } from '../api/server.js';
import { closeDatabase, openDatabase } from '../db/client.js';

const env = loadEnv();
const log = createLogger(env.logLevel);
const db = openDatabase(env.databasePath);
log.info({ database: env.databasePath }, 'database ready (migrations applied)');
ensureAdminKey(db, { adminApiKey: env.adminApiKey, dataDir: env.dataDir, log });

const { server } = await startApiServer({ db, log, now: () => new Date() }, { port: env.port, host: env.host, log });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    server.close(() => {
      closeDatabase(db);
      process.exit(0);
    });
  });
}
