import type { z } from 'zod';
import type { CarrierAuth } from './credentials.js';
import { PartnerRejectedError, PartnerUnavailableError } from './errors.js';
import { refusedBecause, type OutboundGuard } from './outbound.js';

export const defaultCarrierTimeoutMs = 10_000;

export type CarrierHttpSettings = {
  /** The guarded fetch (outbound.ts): calls only where Tailgate may call. */
  fetch: OutboundGuard['fetch'];
  timeoutMs: number;
  /** The credentials header, resolved from the partner's credentials (credentials.ts, partnerAuth). */
  auth?: CarrierAuth | undefined;
};

/**
 * 408 and 429 are 4xx but say "not now" rather than "never": the same request may succeed later. So does 401: the
 * carrier did not take our credentials (wrong or expired secret), which says nothing about the order; once the secret
 * is fixed the same request succeeds, so it is retried and then becomes the desk's unreachable-carrier task.
 */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429 || status === 401;
}

/** The carrier's own words from a TMF Error body (`reason`, `message`), else the raw text, shortened. */
export function carrierMessage(bodyText: string): string | undefined {
  try {
    const body = JSON.parse(bodyText) as { reason?: unknown; message?: unknown };
    const parts = [body.reason, body.message].filter((p): p is string => typeof p === 'string' && p.length > 0);
    if (parts.length > 0) return parts.join(': ');
  } catch {
    // not JSON: fall through to the raw text
  }
  const text = bodyText.trim();
  return text ? text.slice(0, 500) : undefined;
}

export function errorForStatus(
  status: number,
  bodyText: string,
  what: string,
): PartnerRejectedError | PartnerUnavailableError {
  const detail = carrierMessage(bodyText);
  // The carrier's words lead: a rejection's message ends up in front of the order desk.
  const message = detail ? `${detail} (${status} from ${what})` : `${what} answered ${status}`;
  return isRetryableStatus(status)
    ? new PartnerUnavailableError(message, status)
    : new PartnerRejectedError(status, message);
}

/**
 * One JSON request to a carrier. Every failure ends as PartnerRejectedError (do not retry) or
 * PartnerUnavailableError (retry later), so callers (Temporal activities) only have two cases to handle.
 * Returns undefined for an empty body (204).
 */
export async function carrierRequest(
  settings: CarrierHttpSettings,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  /** The body's media type when not the default (JSON; a merge patch for PATCH, as TMF630 has it). */
  contentType?: string,
): Promise<unknown> {
  const what = `${method} ${url}`;
  let response: Response;
  let text: string;
  try {
    response = await settings.fetch(url, carrierRequestInit(settings, method, body, contentType));
    // The body is read under the same timeout signal: a carrier that stalls mid-body is as unavailable as one that
    // never answers.
    text = await response.text();
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    const refused = refusedBecause(err);
    const reason = timedOut
      ? `no answer within ${settings.timeoutMs} ms`
      : refused
        ? `refused: ${refused}`
        : `network error: ${describeCause(err)}`;
    throw new PartnerUnavailableError(`${what}: ${reason}`);
  }
  if (!response.ok) throw errorForStatus(response.status, text, what);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A 2xx with a broken body is a carrier fault, likely transient (proxy error page); worth a retry.
    throw new PartnerUnavailableError(`${what}: response is not JSON`, response.status);
  }
}

/**
 * How every request to a carrier goes out: JSON, our credentials, the per-request timeout (which also bounds reading
 * the body, so a carrier that stalls mid-body is as unavailable as one that never answers).
 */
export function carrierRequestInit(
  settings: CarrierHttpSettings,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  body?: unknown,
  contentType?: string,
): NonNullable<Parameters<OutboundGuard['fetch']>[1]> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // TMF630 makes JSON Merge Patch (RFC 7396) the one PATCH format every TMF API must accept.
  if (body !== undefined)
    headers['content-type'] = contentType ?? (method === 'PATCH' ? 'application/merge-patch+json' : 'application/json');
  if (settings.auth) headers[settings.auth.name] = settings.auth.value;
  return {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
    signal: AbortSignal.timeout(settings.timeoutMs),
  };
}

export function describeCause(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
}

/** Builds `${baseUrl}/${path}?query`, tolerating a trailing slash on the configured base URL. */
export function carrierUrl(baseUrl: string, path: string, query?: Record<string, string>): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/${path}`);
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
  return url.toString();
}

/**
 * Reads a carrier body with a zod schema; a shape we cannot read is a carrier fault (retryable, and logged upstream).
 */
export function readCarrierBody<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success)
    throw new PartnerUnavailableError(`${what}: unexpected response shape: ${result.error.message.slice(0, 500)}`);
  return result.data;
}

/**
 * One POST of a notification body (a webhook, an escalation, an alert to a carrier's listener), no retries, no
 * redirects followed (a receiver gives its final URL). `ok` on a 2xx; otherwise what went wrong, for the record.
 */
export async function postOnce(
  fetch: OutboundGuard['fetch'],
  url: string,
  request: { headers: Record<string, string>; body: string; timeoutMs: number },
): Promise<{ ok: true } | { ok: false; failure: string; refused?: true }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const answer = (await response.text().catch(() => '')).slice(0, 200);
    if (response.ok) return { ok: true };
    return { ok: false, failure: `HTTP ${response.status}${answer ? `: ${answer}` : ''}` };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    if (timedOut) return { ok: false, failure: `no answer within ${request.timeoutMs} ms` };
    const refused = refusedBecause(err);
    if (refused) return { ok: false, failure: `refused: ${refused}`, refused: true };
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, failure: cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err)) };
  }
}
