export const openApiConfig = {
  openapi: '3.1.0',
  info: {
    title: 'Tailgate API',
    version: '0.1.0',
    description:
      'Off-net partner marketplace and SLA governance. Authenticate with `Authorization: Bearer <api key>`. ' +
      'Errors are RFC 9457 `application/problem+json`.',
  },
  security: [{ bearerAuth: [] }],
};

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * zod-to-openapi writes a nullable reference as `allOf: [{ $ref }, { type: [<type>, 'null'] }]`, which no null can
 * satisfy (the referenced enum or object refuses it). Written as `anyOf: [{ $ref }, { type: 'null' }]` instead, with
 * whatever else sat beside it (a description). Returns a new document.
 */
export function withNullableReferences<T>(document: T): T {
  const fix = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(fix);
    if (!isNode(value)) return value;
    const out: Node = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fix(v)]));
    const allOf = out.allOf;
    if (Array.isArray(allOf) && allOf.length === 2 && isNode(allOf[0]) && '$ref' in allOf[0] && isNode(allOf[1])) {
      const { type, ...rest } = allOf[1];
      if (Array.isArray(type) && type.includes('null')) {
        delete out.allOf;
        return { ...out, ...rest, anyOf: [allOf[0], { type: 'null' }] };
      }
    }
    return out;
  };
  return fix(document) as T;
}

/** The OpenAPI 3.1 document the app serves (and openapi/openapi.json holds): as the routes declare it, made exact. */
export const servedOpenApiDocument = (app: { getOpenAPI31Document(config: typeof openApiConfig): unknown }) =>
  withNullableReferences(app.getOpenAPI31Document(openApiConfig));
