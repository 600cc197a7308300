import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A new, empty database (collation "C", as Tailgate needs) on the PostgreSQL server at `serverUrl`, named
 * `<prefix>_<random>`, or a copy of the database `copyOf` names (nothing may be connected to that one meanwhile);
 * `drop` removes it, closing whatever still uses it.
 */
export async function createPostgresDatabase(
  serverUrl: string,
  prefix: string,
  opts: { copyOf?: string } = {},
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const template = opts.copyOf ?? 'template0';
  await admin(`CREATE DATABASE ${name} TEMPLATE ${template} ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
