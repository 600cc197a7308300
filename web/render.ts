import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../api/context.js';

/** Security headers on every dashboard page: nothing inline runs, nothing frames us, nothing leaks referrers. */
export const pageHeaders: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** Sends a page (a Layout element) as an HTML document; hono/jsx has escaped every value already. */
export async function render(
  c: Context<AppEnv>,
  page: Child,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 422 | 500 | 503 = 200,
): Promise<Response> {
  return c.html(`<!doctype html>${String(await page)}`, status, pageHeaders);
}
