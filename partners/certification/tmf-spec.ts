import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

/**
 * The official TM Forum files Tailgate certifies carriers (and its own TMF endpoints) against, as TM Forum publishes
 * them (Apache 2.0, LICENSE beside them): a copy kept in the repository (specs/tmf), so a deployment has them without
 * ../shared.
 */
export const bundledTmfSpecsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../specs/tmf');
export const tmf622v4SpecFile = 'TMF622-ProductOrder-v4.0.0.swagger.json';
export const tmf622v5SpecFile = 'TMF622-ProductOrdering-v5.0.0.oas.yaml';
export const tmf621v4SpecFile = 'TMF621-TroubleTicket-v4.0.0.swagger.json';
export const tmf621v5SpecFile = 'TMF621-Trouble_Ticket-v5.0.1.oas.yaml';
export const tmf673v4SpecFile = 'TMF673-GeographicAddress-v4.0.1.swagger.json';
export const tmf679v4SpecFile = 'TMF679-ProductOfferingQualification-v4.0.0.swagger.json';
/** MEF's LSO Sonata files (Apache 2.0, LICENSE beside them), kept the same way (specs/mef); validated as TMF's are. */
export const bundledMefSpecsDir = path.resolve(bundledTmfSpecsDir, '../mef');
export const sonataOrderingSpecFile = 'productOrderManagement.api.yaml';
export const sonataOrderNotificationSpecFile = 'productOrderNotification.api.yaml';
export const sonataPoqSpecFile = 'productOfferingQualificationManagement.api.yaml';
export const sonataAddressSpecFile = 'geographicAddressManagement.api.yaml';
export const sonataTicketSpecFile = 'troubleTicketManagement.api.yaml';
export const sonataTicketNotificationSpecFile = 'troubleTicketNotification.api.yaml';

export type SpecCheck = { valid: boolean; errors: string[] };
export type SpecValidator = {
  /** Whether the spec defines a schema of that name. */
  has(schemaName: string): boolean;
  /** Validates a payload against a named schema (`definitions/X` in Swagger 2, `components/schemas/X` in OAS 3). */
  validate(schemaName: string, payload: unknown): SpecCheck;
  /** Throws with the spec's error messages when the payload does not validate; handy inside `expect`. */
  assertValid(schemaName: string, payload: unknown): void;
};

type Schema = Record<string, unknown>;
type Discriminator = { propertyName: string; mapping?: Record<string, string> };

// ajv-formats is CommonJS; under ESM its function may sit on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

function walk(node: unknown, visit: (schema: Schema) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (!node || typeof node !== 'object') return;
  visit(node as Schema);
  Object.values(node).forEach((n) => walk(n, visit));
}

/** OAS 3.0 `nullable: true` is not JSON Schema; a type union says the same. */
function rewriteNullable(doc: unknown): void {
  walk(doc, (s) => {
    if (s.nullable === true && typeof s.type === 'string') s.type = [s.type, 'null'];
  });
}

const whenTag = (prop: string, tag: string, ref: string) => ({
  if: { properties: { [prop]: { const: tag } }, required: [prop] },
  then: { $ref: ref },
});

/**
 * Why the v5 (OAS 3) documents are rewritten: they model polymorphism with `oneOf` + OAS `discriminator`
 * (PartyRefOrPartyRoleRef, PlaceRefOrValue, ProductRefOrValue...). Members overlap (a PartyRef is also a valid
 * PartyRoleRef), so plain JSON Schema `oneOf` rejects every real payload, and base classes such as Characteristic
 * only reach their subclass rules (IntegerCharacteristic.value) through the discriminator mapping. ajv's own
 * `discriminator` option needs `const` tags and no `mapping`, which the TMF files do not have.
 *
 * So `oneOf` + mapping becomes "the mapped schema for a known @type, any member otherwise", and a base class with
 * subclass mappings becomes "the base rules plus the subclass's"; subclasses inherit (allOf) a `__base` copy so
 * that dispatch does not recurse into itself.
 */
function rewriteDiscriminators(schemas: Record<string, Schema>, prefix: string): void {
  const dispatchingBases = new Map<string, Array<[string, string]>>();
  for (const [name, schema] of Object.entries(schemas)) {
    const d = schema.discriminator as Discriminator | undefined;
    if (!d || typeof d !== 'object') continue;
    delete schema.discriminator;
    const mapping = Object.entries(d.mapping ?? {});
    if (Array.isArray(schema.oneOf)) {
      const members = schema.oneOf;
      delete schema.oneOf;
      if (mapping.length === 0) {
        schema.anyOf = members;
        continue;
      }
      schema.if = {
        properties: { [d.propertyName]: { enum: mapping.map(([tag]) => tag) } },
        required: [d.propertyName],
      };
      schema.then = { allOf: mapping.map(([tag, ref]) => whenTag(d.propertyName, tag, ref)) };
      schema.else = { anyOf: members };
      continue;
    }
    const subclasses = mapping.filter(([, ref]) => ref !== `${prefix}/${name}`);
    if (subclasses.length > 0) dispatchingBases.set(`${d.propertyName}\u0000${name}`, subclasses);
  }
  const baseNames = new Set([...dispatchingBases.keys()].map((k) => k.split('\u0000')[1]!));
  walk(schemas, (s) => {
    if (!Array.isArray(s.allOf)) return;
    for (const item of s.allOf as Schema[]) {
      const ref = typeof item.$ref === 'string' ? item.$ref : '';
      const target = ref.startsWith(`${prefix}/`) ? ref.slice(prefix.length + 1) : '';
      if (baseNames.has(target)) item.$ref = `${ref}__base`;
    }
  });
  for (const [key, subclasses] of dispatchingBases) {
    const [prop, name] = key.split('\u0000') as [string, string];
    schemas[`${name}__base`] = schemas[name]!;
    schemas[name] = {
      allOf: [{ $ref: `${prefix}/${name}__base` }, ...subclasses.map(([tag, ref]) => whenTag(prop, tag, ref))],
    };
  }
}

const cache = new Map<string, SpecValidator>();

/**
 * Loads a spec file from `dir` (Swagger 2 JSON or OAS 3 YAML/JSON) and validates payloads against its
 * schemas with ajv. The whole document is registered under its file name, so `#/definitions/X` references resolve
 * inside it. Not strict: the specs use Swagger keywords and formats (float, int32) that are not JSON Schema.
 */
export function loadTmfSpec(fileName: string, dir = bundledTmfSpecsDir): SpecValidator {
  const file = path.join(dir, fileName);
  const cached = cache.get(file);
  if (cached) return cached;
  const text = fs.readFileSync(file, 'utf8');
  const doc = (/\.ya?ml$/i.test(fileName) ? parseYaml(text) : JSON.parse(text)) as Schema;
  const isOas3 = typeof doc.openapi === 'string';
  const schemasPointer = isOas3 ? '#/components/schemas' : '#/definitions';
  if (isOas3) {
    rewriteNullable(doc);
    rewriteDiscriminators((doc.components as { schemas: Record<string, Schema> }).schemas, schemasPointer);
  }

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
  const describe = (e: ErrorObject) =>
    `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`;

  const schemas = (isOas3 ? (doc.components as { schemas: Schema }).schemas : doc.definitions) as Schema;
  const validator: SpecValidator = {
    has: (name) => Object.hasOwn(schemas, name),
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
  cache.set(file, validator);
  return validator;
}
