import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = path.dirname(fileURLToPath(import.meta.url));
const allowedPackages = new Set(['date-fns', '@date-fns/tz', 'zod']);

/** Every module index.ts reaches, following value and type imports alike (types are erased, but stay honest). */
function reachable(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = fs.readFileSync(file, 'utf8');
    seen.set(file, text);
    for (const m of text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g,
    )) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
      else seen.set(`package:${spec}`, '');
    }
  };
  visit(path.join(dir, entry));
  return seen;
}

describe('the workflow-safe API (index.ts)', () => {
  const modules = reachable('index.ts');

  it('imports only date-fns, @date-fns/tz and zod, and nothing outside sla-rules (penalties/ included)', () => {
    const packages = [...modules.keys()].filter((k) => k.startsWith('package:')).map((k) => k.slice('package:'.length));
    expect(packages.filter((p) => !allowedPackages.has(p))).toEqual([]);
    const files = [...modules.keys()].filter((k) => !k.startsWith('package:'));
    expect(files.filter((f) => ![dir, path.join(dir, 'penalties')].includes(path.dirname(f)))).toEqual([]);
    expect(files.map((f) => path.basename(f))).not.toContain('holidays.ts');
    expect(files.map((f) => path.basename(f))).not.toContain('parse-policy.ts');
  });

  it('never reads the clock, the environment or randomness', () => {
    for (const [file, text] of modules) {
      if (file.startsWith('package:')) continue;
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, file).not.toMatch(
        /Date\.now|new Date\(\s*\)|Math\.random|process\.|performance\.now|setTimeout|WeakRef|FinalizationRegistry/,
      );
    }
  });
});
