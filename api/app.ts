import { OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { allowedMethods } from './allowed-methods.js';
import { authenticate } from './auth.js';
import type { AppEnv, Deps } from './context.js';
import { mountDocs } from './docs.js';
import { limitBodies } from './body-limits.js';
import { ApiError, problemResponse, toApiError, validationError } from './errors.js';
import { servedOpenApiDocument } from './openapi-config.js';
import { registerRoutes } from './routes/index.js';

export type App = OpenAPIHono<AppEnv>;

export function newRouter(): App {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) throw validationError(result.error, result.target, c.req.path.startsWith('/tmf-api/'));
    },
  });
  const register = router.openapi.bind(router);
  router.openapi = ((route: RouteConfig, ...rest: unknown[]) =>
    (register as (...args: unknown[]) => App)(strictQuery(route), ...rest)) as unknown as App['openapi'];
  return router;
}

/**
 * Our own API's query parameters are exactly those it declares: an unknown one is refused (422, naming it), never
 * silently ignored. TMF list routes take attribute filters of any name (TMF630), so theirs stay open.
 */
function strictQuery(route: RouteConfig): RouteConfig {
  const query = route.request?.query;
  if (!route.path.startsWith('/api/') || !(query instanceof z.ZodObject)) return route;
  return { ...route, request: { ...route.request, query: query.strict() } };
}

/** Makes the platform's dependencies available to every handler as `c.get('deps')`. */
export function provideDeps(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('deps', deps);
    await next();
  };
}

/** Builds the API over the given dependencies (scripts/http-server.ts adds the dashboard beside it). */
export function createApp(deps: Deps): App {
  const app = newRouter();
  app.use('*', provideDeps(deps));
  app.use('*', limitBodies);
  app.onError((err, c) => {
    const apiError = toApiError(err);
    if (apiError.code === 'internal') deps.log.error({ err, path: c.req.path }, 'unhandled error');
    return problemResponse(c, apiError);
  });
  const methodsOf = allowedMethods(app as never);
  app.notFound((c) => {
    const allowed = methodsOf(c.req.path);
    if (allowed.length === 0) return problemResponse(c, new ApiError('not_found', `No route for ${c.req.path}`));
    const refused = new ApiError('method_not_allowed', `${c.req.path} answers ${allowed.join(', ')}`);
    const response = problemResponse(c, refused);
    response.headers.set('allow', allowed.join(', '));
    return response;
  });

  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.use('/api/*', authenticate);
  app.use('/tmf-api/*', authenticate);
  app.use('/mefApi/*', authenticate);
  registerRoutes(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  // Built on first request, when every route is registered; the same document every time after.
  let document: unknown;
  app.get('/openapi.json', (c) => c.json((document ??= servedOpenApiDocument(app)) as object));
  mountDocs(app);
  return app;
}
