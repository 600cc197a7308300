import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

/** The official TM Forum specification files, shared by every worktree. */
export const tmfSpecsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/specs/tmf');

export type SpecCheck = { valid: boolean; errors: string[] };
export type SpecValidator = {
  /** Validates a payload against a named schema (`definitions/X` in Swagger 2, `components/schemas/X` in OAS 3). */
  validate(schemaName: string, payload: unknown): SpecCheck;
  /** Throws with the spec's error messages when the payload does not validate; handy inside `expect`. */
  assertValid(schemaName: string, payload: unknown): void;
};

// ajv-formats is CommonJS; under ESM its function may sit on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv,
) => Ajv;

/** OAS 3.0 `nullable: true` is not JSON Schema; rewrite it to a type union so ajv honours it. */
function rewriteNullable(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(rewriteNullable);
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (schema.nullable === true && typeof schema.type === 'string') schema.type = [schema.type, 'null'];
  Object.values(schema).forEach(rewriteNullable);
}

const cache = new Map<string, SpecValidator>();

/**
 * Loads a spec from ../shared/specs/tmf (Swagger 2 JSON or OAS 3 YAML/JSON) and validates payloads against its
 * schemas with ajv. The whole document is registered under its file name, so `#/definitions/X` references resolve
 * inside it. Not strict: the specs use Swagger keywords and formats (float, int32) that are not JSON Schema.
 */
export function loadTmfSpec(fileName: string): SpecValidator {
  const cached = cache.get(fileName);
  if (cached) return cached;
  const text = fs.readFileSync(path.join(tmfSpecsDir, fileName), 'utf8');
  const doc = (/\.ya?ml$/i.test(fileName) ? parseYaml(text) : JSON.parse(text)) as Record<string, unknown>;
  const isOas3 = typeof doc.openapi === 'string';
  if (isOas3) rewriteNullable(doc);
  const schemasPointer = isOas3 ? '#/components/schemas' : '#/definitions';

  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  for (const format of ['float', 'double', 'int32', 'int64', 'byte', 'binary', 'password']) ajv.addFormat(format, true);
  const id = `tmf-spec:${fileName}`;
  ajv.addSchema({ ...doc, $id: id }, id);

  const compiled = new Map<string, ValidateFunction>();
  const validatorFor = (name: string) => {
    let validate = compiled.get(name);
    if (!validate) {
      validate = ajv.compile({ $ref: `${id}${schemasPointer}/${name}` });
      compiled.set(name, validate);
    }
    return validate;
  };
  const describe = (e: ErrorObject) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`;

  const validator: SpecValidator = {
    validate(name, payload) {
      const validate = validatorFor(name);
      const valid = validate(payload);
      return { valid, errors: valid ? [] : (validate.errors ?? []).map(describe) };
    },
    assertValid(name, payload) {
      const { valid, errors } = validator.validate(name, payload);
      if (!valid) throw new Error(`payload is not a valid ${fileName} ${name}:\n${errors.join('\n')}`);
    },
  };
  cache.set(fileName, validator);
  return validator;
}
