import { carrierRequestInit, describeCause, type CarrierHttpSettings } from '../adapters/http.js';
import type { SpecValidator } from './tmf-spec.js';

/** One check of a certification run, as the report shows it. */
export type CheckResult = {
  id: string;
  title: string;
  outcome: 'passed' | 'failed' | 'skipped';
  /** What was asked: `POST https://…/productOrder`. */
  request?: string | undefined;
  status?: number | undefined;
  /** Why it failed or was skipped, in words. */
  detail?: string | undefined;
  /** The official file's complaints about a payload, either way (ours sent, or the carrier's answer). */
  specErrors?: string[] | undefined;
};

/** A carrier's answer, read whatever its status. */
export type Exchange = { request: string; status: number; body: unknown };

/** Raised by a check to fail with a reason (and the spec's complaints, if any). */
export class CheckFailed extends Error {
  constructor(
    message: string,
    readonly specErrors?: string[],
    readonly exchange?: Exchange,
  ) {
    super(message);
  }
}

/** Sends one request to the carrier and reads its answer whatever the status (a check judges it). */
export async function exchange(
  http: CarrierHttpSettings,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  /** The body's media type when not the default (carrierRequestInit). */
  contentType?: string,
): Promise<Exchange> {
  const request = `${method} ${url}`;
  let response: Response;
  let text: string;
  try {
    response = await http.fetch(url, carrierRequestInit(http, method, body, contentType));
    text = await response.text();
  } catch (err) {
    throw new CheckFailed(`${request}: no answer (${describeCause(err)})`);
  }
  let parsed: unknown = text;
  if (text.trim()) {
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      // kept as text: a check that wants JSON says so
    }
  } else parsed = undefined;
  return { request, status: response.status, body: parsed };
}

/** Fails unless the answer's status is one of `expected`. */
export function expectStatus(answer: Exchange, ...expected: number[]): void {
  if (!expected.includes(answer.status)) {
    const said = typeof answer.body === 'string' ? answer.body.slice(0, 300) : JSON.stringify(answer.body ?? null);
    throw new CheckFailed(`expected ${expected.join(' or ')}, got ${answer.status}: ${said.slice(0, 300)}`, [], answer);
  }
}

/** A JSON object, or undefined for anything else (a check reads what a carrier sent before trusting its shape). */
export const asRecord = (value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** A carrier's error body is checked against the spec when it sends one (TMF630 and MEF ask for it, HTTP does not). */
export function expectErrorBody(spec: SpecValidator, schema: string, answer: Exchange) {
  if (asRecord(answer.body)) expectValid(spec, schema, answer.body, "The carrier's error body", answer);
}

/** Fails unless `payload` is a valid `schema` of the spec; `whose` says whose payload it was. */
export function expectValid(spec: SpecValidator, schema: string, payload: unknown, whose: string, answer?: Exchange) {
  const check = spec.validate(schema, payload);
  if (!check.valid) throw new CheckFailed(`${whose} is not a valid ${schema}`, check.errors.slice(0, 20), answer);
}

/**
 * Runs checks in order and records each one's outcome. A check that needs an earlier one's result (the order it
 * created) is skipped, naming it, when that one failed.
 */
export function checkRecorder() {
  const results: CheckResult[] = [];
  const last: { exchange?: Exchange | undefined } = {};
  return {
    results,
    /** Records the exchange a check is judging, for the report. */
    saw(answer: Exchange) {
      last.exchange = answer;
      return answer;
    },
    async run<T>(id: string, title: string, check: () => Promise<T>): Promise<T | undefined> {
      last.exchange = undefined;
      try {
        const value = await check();
        const seen = last.exchange as Exchange | undefined;
        results.push({ id, title, outcome: 'passed', request: seen?.request, status: seen?.status });
        return value;
      } catch (err) {
        const failed = err instanceof CheckFailed ? err : undefined;
        const seen = failed?.exchange ?? last.exchange;
        results.push({
          id,
          title,
          outcome: 'failed',
          request: seen?.request,
          status: seen?.status,
          detail: err instanceof Error ? err.message : String(err),
          specErrors: failed?.specErrors?.length ? failed.specErrors : undefined,
        });
        return undefined;
      }
    },
    skip(id: string, title: string, because: string) {
      results.push({ id, title, outcome: 'skipped', detail: because });
    },
  };
}
export type CheckRecorder = ReturnType<typeof checkRecorder>;
