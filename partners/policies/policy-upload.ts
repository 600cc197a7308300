import { isMap, LineCounter, parseDocument } from 'yaml';
import { parsePolicy, PolicyError } from '../../sla-rules/parse-policy.js';
import { effectiveFromMs } from '../../sla-rules/select.js';
import type { Policy } from '../../sla-rules/types.js';

export type PolicyUploadFormat = 'yaml' | 'json';
export type PreviousVersion = { version: number; effectiveFrom: string };

/**
 * Reads an uploaded policy document as the next version of a partner's policy, or throws a PolicyError.
 *
 * Versions are numbered by Tailgate, not by whoever wrote the file: the document's own `version` (which the format
 * requires) is replaced by the previous number + 1, so the same template can be uploaded again after an edit
 * without anyone keeping count. `effectiveFrom` may equal the previous version's (the newer version then wins, as in
 * selectPolicyVersion) but never precede it: an earlier start would re-decide which version orders already placed
 * should have had, and an order keeps the version it was placed under.
 */
export function readPolicyUpload(
  text: string,
  format: PolicyUploadFormat,
  previous: PreviousVersion | undefined,
): Policy {
  const policy = parsePolicy(text, format);
  if (previous && effectiveFromMs(policy) < effectiveFromMs(previous)) {
    const line = format === 'yaml' ? topLevelKeyLine(text, 'effectiveFrom') : undefined;
    throw new PolicyError([
      {
        path: 'effectiveFrom',
        message: `must not be earlier than version ${previous.version}'s effectiveFrom (${previous.effectiveFrom})`,
        ...(line === undefined ? {} : { line }),
      },
    ]);
  }
  return { ...policy, version: (previous?.version ?? 0) + 1 };
}

/** The line of a top-level key's value in a YAML document that has already parsed cleanly. */
function topLevelKeyLine(text: string, key: string): number | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (!isMap(doc.contents)) return undefined;
  const node = doc.contents.get(key, true);
  return node?.range ? lines.linePos(node.range[0]).line : undefined;
}
