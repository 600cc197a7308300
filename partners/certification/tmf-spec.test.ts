import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmfSpecsDir } from '../../test/support/tmf-spec.js';
import { bundledTmfSpecsDir } from './tmf-spec.js';

describe('the TM Forum files certification checks against', () => {
  it('are byte-for-byte the official files in ../shared/specs/tmf', () => {
    const bundled = fs.readdirSync(bundledTmfSpecsDir).sort();
    expect(bundled).toEqual(expect.arrayContaining(['LICENSE', 'TMF621-TroubleTicket-v4.0.0.swagger.json']));
    for (const file of bundled) {
      const copy = fs.readFileSync(path.join(bundledTmfSpecsDir, file));
      expect(copy.equals(fs.readFileSync(path.join(tmfSpecsDir, file))), file).toBe(true);
    }
  });
});
