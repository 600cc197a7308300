import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../api/context.js';
import { authenticateApiKey } from '../db/repositories/api-keys.js';
import { MessagePage } from './layout.js';
import { render } from './render.js';

/**
 * A dashboard session is the API key itself, in an HttpOnly, SameSite=Strict cookie (Secure over https): every
 * request looks it up exactly as the API's Bearer authentication does (api/auth.ts), so a revoked key signs out.
 */
export const SESSION_COOKIE = 'tailgate_session';

/** https to the browser: directly, or through a TLS-terminating proxy that says so. */
const overHttps = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

export function startSession(c: Context<AppEnv>, key: string): void {
  setCookie(c, SESSION_COOKIE, key, { httpOnly: true, sameSite: 'Strict', secure: overHttps(c), path: '/' });
}

export function endSession(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: overHttps(c) });
}

/** Only a path on this site, so a sign-in link cannot send anyone elsewhere. */
export const localPath = (next: string | undefined): string | undefined =>
  next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : undefined;

/** Resolves the cookie to a caller, or sends the browser to sign in (and back here afterwards). */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = getCookie(c, SESSION_COOKIE);
  const holder = key ? await authenticateApiKey(c.get('deps').db, key) : undefined;
  if (!holder) {
    if (key) endSession(c);
    const url = new URL(c.req.url);
    const back = c.req.method === 'GET' ? `?next=${encodeURIComponent(url.pathname + url.search)}` : '';
    return c.redirect(`/sign-in${back}`, 303);
  }
  c.set('caller', { keyId: holder.id, role: holder.role, partnerId: holder.partnerId });
  await next();
};

/**
 * CSRF: besides SameSite=Strict, a form POST must come from a page of this site (Origin, else Referer, naming this
 * host). Browsers send Origin on every POST; a request with neither is refused.
 */
export const sameOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const from = c.req.header('origin') ?? c.req.header('referer');
  let fromHost: string | undefined;
  try {
    fromHost = from && from !== 'null' ? new URL(from).host : undefined;
  } catch {
    fromHost = undefined;
  }
  if (fromHost !== new URL(c.req.url).host) {
    return render(
      c,
      <MessagePage
        title="Refused"
        text="This form was not sent from a Tailgate page. Reload the page and try again."
      />,
      403,
    );
  }
  await next();
};
