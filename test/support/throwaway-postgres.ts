import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A PostgreSQL cluster of its own for a test run (initdb and pg_ctl in a temporary folder, stopped and removed at the
 * end), from Debian's postgresql package (`apt-get install postgresql`) or any PostgreSQL whose binaries are on PATH.
 * PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` user that package creates.
 */
export type ThrowawayPostgres = { url: string; stop(): void };

function binDirectory(): string {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).find((dir) => fs.existsSync(path.join(dir, 'pg_ctl')));
  if (onPath) return onPath;
  const debian = '/usr/lib/postgresql';
  const versions = fs.existsSync(debian) ? fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(debian, v, 'bin')).find((dir) => fs.existsSync(path.join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error(
      'No PostgreSQL for the tests: install it (apt-get install postgresql) or point DATABASE_URL or PGHOST at a server',
    );
  }
  return found;
}

/**
 * Tests run it with fsync off (nothing in it outlives the run); `durable` keeps PostgreSQL's default, flushing every
 * commit to disk, for benchmarks that compare with a production setup.
 */
export function startThrowawayPostgres(port: number, opts: { durable?: boolean } = {}): ThrowawayPostgres {
  const bin = binDirectory();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (program: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(bin, program), args, { stdio: 'pipe' });
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8']);
  const fsync = opts.durable ? '' : ' -c fsync=off';
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${fsync} -c max_connections=200`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The PostgreSQL server DATABASE_URL (postgres://) or the PG* variables name, as `.ci/run` may set them; otherwise a
 * throwaway cluster on a free port, which the caller stops.
 */
export async function postgresServer(
  opts: { durable?: boolean } = {},
): Promise<{ url: string; throwaway?: ThrowawayPostgres }> {
  const url = process.env.DATABASE_URL;
  if (url?.startsWith('postgres')) return { url };
  if (process.env.PGHOST) {
    const user = encodeURIComponent(process.env.PGUSER ?? 'postgres');
    const password = process.env.PGPASSWORD ? `:${encodeURIComponent(process.env.PGPASSWORD)}` : '';
    const host = process.env.PGHOST.startsWith('/') ? `localhost` : process.env.PGHOST;
    const socket = process.env.PGHOST.startsWith('/') ? `?host=${encodeURIComponent(process.env.PGHOST)}` : '';
    const database = process.env.PGDATABASE ?? 'postgres';
    return { url: `postgres://${user}${password}@${host}:${process.env.PGPORT ?? 5432}/${database}${socket}` };
  }
  const throwaway = startThrowawayPostgres(await freePort(), opts);
  return { url: throwaway.url, throwaway };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
