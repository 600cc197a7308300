import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `npm run bench -- <name> [args]` runs bench/<name>.ts. Every .ts file beside this one is a benchmark, so one is
 * added by dropping a file here; each prints progress to stderr and one JSON line of figures last on stdout.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const available = fs
  .readdirSync(here, { withFileTypes: true })
  .filter(
    (entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && entry.name !== 'run.ts',
  )
  .map((entry) => entry.name.slice(0, -'.ts'.length))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(
    `${name ? `no benchmark named "${name}"\n` : ''}usage: npm run bench -- <name>\navailable: ${available.join(', ') || '(none)'}\n`,
  );
  process.exit(2);
}
process.argv = [process.argv[0] ?? 'node', path.join(here, `${name}.ts`), ...args];
await import(pathToFileURL(path.join(here, `${name}.ts`)).href);
