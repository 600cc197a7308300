import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

/**
 * MEF's LSO Sonata product schemas (the Access E-Line OVC, the operator UNI, internet access; a copy in
 * specs/mef/productSchema), by the `@type` a productConfiguration names: JSON Schema files whose `$id` is that URN and
 * whose references are relative file paths, so each is registered under a URL of its path for them to resolve.
 */
export const bundledProductSchemasDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../specs/mef/productSchema',
);

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const base = 'http://mef-product-schema.invalid/';

/** MEF's files leave some keywords empty (`properties:` with nothing under it): JSON Schema wants them absent. */
function withoutEmptyKeywords(node: unknown): void {
  if (Array.isArray(node)) node.forEach(withoutEmptyKeywords);
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (value === null && ['properties', 'items', 'required', 'allOf'].includes(key))
        delete (node as Record<string, unknown>)[key];
      else withoutEmptyKeywords(value);
    }
}

const yamlFiles = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : [],
    );

let loaded: { ajv: Ajv; byType: Map<string, string> } | undefined;
const compiled = new Map<string, ValidateFunction>();

function schemas() {
  if (loaded) return loaded;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  const byType = new Map<string, string>();
  for (const file of yamlFiles(bundledProductSchemasDir)) {
    const doc = parseYaml(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const id = `${base}${path.relative(bundledProductSchemasDir, file).split(path.sep).join('/')}`;
    if (typeof doc.$id === 'string') byType.set(doc.$id, id);
    delete doc.$schema;
    withoutEmptyKeywords(doc);
    ajv.addSchema({ ...doc, $id: id }, id);
  }
  loaded = { ajv, byType };
  return loaded;
}

/**
 * Where a productConfiguration departs from the MEF product schema its `@type` names (`/path message` each, the
 * first 10), [] when it conforms; undefined when Tailgate does not have that schema.
 */
export function productSchemaProblems(configuration: Record<string, unknown>): string[] | undefined {
  const { ajv, byType } = schemas();
  const id = byType.get(String(configuration['@type']));
  if (!id) return undefined;
  let validate = compiled.get(id);
  if (!validate) {
    validate = ajv.compile({ $ref: id });
    compiled.set(id, validate);
  }
  if (validate(configuration)) return [];
  // A schema's alternatives (oneOf) each report the same spot: each complaint once.
  const said = (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
  return [...new Set(said)].slice(0, 10);
}
