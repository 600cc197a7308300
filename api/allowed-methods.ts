import type { Hono } from 'hono';

type KnownPath = { pattern: RegExp; methods: Set<string> };

/** A hono route path (`/api/v1/orders/:id`, `/docs/assets/:file`) as a regular expression over request paths. */
const patternOf = (path: string) =>
  new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+')}/?$`);

/**
 * The methods each known path answers, read from the app's routes once they are all registered: a request for a
 * known path with another method is a 405 naming them (Allow), not a 404.
 */
export function allowedMethods(app: Hono<never>): (path: string) => string[] {
  let known: KnownPath[] | undefined;
  const index = () => {
    const byPath = new Map<string, Set<string>>();
    for (const route of app.routes) {
      if (route.method === 'ALL' || route.path.includes('*')) continue;
      const methods = byPath.get(route.path) ?? new Set<string>();
      methods.add(route.method);
      if (route.method === 'GET') methods.add('HEAD');
      byPath.set(route.path, methods);
    }
    return [...byPath].map(([path, methods]) => ({ pattern: patternOf(path), methods }));
  };
  return (path) => {
    known ??= index();
    const methods = new Set<string>();
    for (const k of known) if (k.pattern.test(path)) for (const m of k.methods) methods.add(m);
    return [...methods].sort();
  };
}
