/** Reads policy documents (YAML or JSON). NOT workflow-safe: imports yaml and, through the schema, date-holidays. */
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { PolicySchema } from './policy-schema.js';
import type { Policy } from './types.js';

export type PolicyIssue = { path: string; message: string; line?: number };

export class PolicyError extends Error {
  constructor(
    readonly issues: PolicyIssue[],
    source?: string,
  ) {
    const where = source ? `${source}: ` : '';
    super(
      `${where}invalid OLA policy\n${issues.map((i) => `  ${i.line ? `line ${i.line}: ` : ''}${i.path || '(document)'}: ${i.message}`).join('\n')}`,
    );
    this.name = 'PolicyError';
  }
}

/** `olas[2].target.hours`, the way people point at a field in a document. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function issuesOf(error: z.ZodError, lineOf: (path: readonly PropertyKey[]) => number | undefined): PolicyIssue[] {
  return error.issues.map((issue) => {
    const line = lineOf(issue.path);
    return { path: formatPath(issue.path), message: issue.message, ...(line === undefined ? {} : { line }) };
  });
}

/** Validates an already-parsed document (e.g. a JSON column) into a Policy, or throws a PolicyError. */
export function validatePolicy(document: unknown, source?: string): Policy {
  const result = PolicySchema.safeParse(document);
  if (!result.success)
    throw new PolicyError(
      issuesOf(result.error, () => undefined),
      source,
    );
  return result.data;
}

/** A real policy nests about six levels; anything far deeper is refused before a parser spends time on it. */
export const MAX_POLICY_NESTING = 64;
/** YAML aliases expanded at most this many times (an alias bomb expands one line into millions of values). */
const MAX_ALIAS_COUNT = 100;

/**
 * How deep a document nests, counted without parsing it: block indentation levels and compact sequence dashes,
 * plus open flow brackets (a bracket inside a quoted string counts too: an overestimate, never an underestimate).
 */
export function nestingDepth(text: string): number {
  let deepest = 0;
  let flow = 0;
  const indents: number[] = [];
  for (const line of text.split('\n')) {
    const content = line.trimStart();
    if (!content || content.startsWith('#')) continue;
    const indent = line.length - content.length;
    while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
    indents.push(indent);
    const dashes = (/^(?:-[ \t]+)+/.exec(content)?.[0].match(/-/g) ?? []).length;
    let flowDeepest = flow;
    for (const ch of content) {
      if (ch === '[' || ch === '{') flowDeepest = Math.max(flowDeepest, ++flow);
      else if (ch === ']' || ch === '}') flow = Math.max(0, flow - 1);
    }
    deepest = Math.max(deepest, indents.length + dashes + flowDeepest);
  }
  return deepest;
}

/**
 * Parses a policy document. Format defaults to JSON when the text starts with '{', else YAML (JSON is valid YAML,
 * but JSON.parse gives JSON-shaped error messages). YAML errors and schema issues carry line numbers. A document
 * nested deeper than MAX_POLICY_NESTING, or whose aliases expand past MAX_ALIAS_COUNT, is refused as invalid.
 */
export function parsePolicy(text: string, format?: 'yaml' | 'json', source?: string): Policy {
  const kind = format ?? (text.trimStart().startsWith('{') ? 'json' : 'yaml');
  if (nestingDepth(text) > MAX_POLICY_NESTING) {
    const message = `nests deeper than ${MAX_POLICY_NESTING} levels; a policy needs far fewer`;
    throw new PolicyError([{ path: '', message }], source);
  }
  if (kind === 'json') {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (e) {
      throw new PolicyError([{ path: '', message: `not valid JSON: ${(e as Error).message}` }], source);
    }
    return validatePolicy(document, source);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PolicyError(
      doc.errors.map((e) => ({
        path: '',
        message: e.message.split('\n')[0] ?? e.message,
        line: lines.linePos(e.pos[0]).line,
      })),
      source,
    );
  }
  let plain: unknown;
  try {
    plain = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // yaml refuses an alias bomb ("Excessive alias count indicates a resource exhaustion attack").
    throw new PolicyError([{ path: '', message: (e as Error).message }], source);
  }
  const result = PolicySchema.safeParse(plain);
  if (result.success) return result.data;
  const lineOf = (path: readonly PropertyKey[]) => {
    // The deepest node that exists on the path: a missing field points at its parent.
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  throw new PolicyError(issuesOf(result.error, lineOf), source);
}
