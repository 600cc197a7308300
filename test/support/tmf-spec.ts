import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTmfSpec as loadFrom } from '../../partners/certification/tmf-spec.js';

export {
  tmf621v4SpecFile,
  tmf621v5SpecFile,
  tmf622v4SpecFile,
  tmf622v5SpecFile,
  type SpecCheck,
  type SpecValidator,
} from '../../partners/certification/tmf-spec.js';

/** The official TM Forum specification files, shared by every worktree: the tests check against these. */
export const tmfSpecsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/specs/tmf');

/** A spec of ../shared/specs/tmf, as partners/certification/tmf-spec.ts validates with it. */
export const loadTmfSpec = (fileName: string) => loadFrom(fileName, tmfSpecsDir);
