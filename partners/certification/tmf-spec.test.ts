import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmfSpecsDir } from '../../test/support/tmf-spec.js';
import { bundledMefSpecsDir, bundledTmfSpecsDir } from './tmf-spec.js';

describe('the TM Forum and MEF files certification checks against', () => {
  it('are byte-for-byte the official files in ../shared/specs', () => {
    for (const [bundledDir, officialDir, expected] of [
      [bundledTmfSpecsDir, tmfSpecsDir, 'TMF621-TroubleTicket-v4.0.0.swagger.json'],
      [bundledMefSpecsDir, path.resolve(tmfSpecsDir, '../mef'), 'productOrderManagement.api.yaml'],
    ] as const) {
      const bundled = (fs.readdirSync(bundledDir, { recursive: true }) as string[])
        .filter((entry) => fs.statSync(path.join(bundledDir, entry)).isFile())
        .sort();
      expect(bundled).toEqual(expect.arrayContaining(['LICENSE', expected]));
      for (const file of bundled) {
        const copy = fs.readFileSync(path.join(bundledDir, file));
        expect(copy.equals(fs.readFileSync(path.join(officialDir, file))), file).toBe(true);
      }
    }
  });
});
