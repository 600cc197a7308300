import type { Db } from '../client.js';
import { statement } from '../execute.js';
import type { AnswerToStore, NewQualification } from '../repositories/qualifications.js';

/** The answers one write stored, and their rows' ids. */
export type StoredNow = Map<AnswerToStore, number>;

/**
 * A whole group of qualifications in one statement, whatever its size, committed on its own (no BEGIN or COMMIT round
 * trips). The new answers get their ids from their identity sequence in a CTE that is evaluated once (it is referred
 * to three times, and nextval is volatile), numbered by their place in the list; each qualification names its
 * answer's stored id or that number, and the statement answers the id each number got. A qualification's foreign key
 * to an answer inserted beside it is checked at the statement's end, when both rows are there.
 *
 * Each answer's JSON (12 KB on average in `bench directory`) is a parameter of its own, in a VALUES row. Sent as one
 * element of a text array, it had every quote escaped into an array literal by the driver and parsed back by
 * PostgreSQL: per answer, 75-90 µs of the API's CPU and about 50 µs more of PostgreSQL's, where a parameter of its own
 * costs the API 10-18 µs (node-postgres, 20 answers per statement). The rows' count is rounded up to a power of two,
 * the rest null and skipped, so a handful of texts serve every group. The qualifications' own fields are short and
 * stay arrays.
 */
export async function insertGroupOnPostgres(db: Db, qs: NewQualification[], storedNow: StoredNow): Promise<void> {
  // Each answer not stored yet, once, with the time of the first qualification given it; numbered from 1.
  const toStore = new Map<AnswerToStore, { n: number; createdAt: string }>();
  for (const q of qs) {
    if (q.answer.storedId === undefined && !toStore.has(q.answer))
      toStore.set(q.answer, { n: toStore.size + 1, createdAt: q.createdAt });
  }
  const answers = [...toStore.keys()];
  const slots = answerSlots(answers.length);
  const answerParams: (string | null)[] = [];
  for (const [answer, { createdAt }] of toStore) answerParams.push(answer.offersJson, createdAt);
  while (answerParams.length < 2 * slots) answerParams.push(null, null);
  const ids = (await statement(db, groupSql(slots))
    .raw()
    .all(
      ...answerParams,
      qs.map((q) => q.id),
      qs.map((q) => q.requestedBy),
      qs.map((q) => q.requestJson),
      qs.map((q) => q.addressJson),
      qs.map((q) => q.createdAt),
      qs.map((q) => q.expiresAt),
      qs.map((q) => q.answer.storedId ?? null),
      qs.map((q) => toStore.get(q.answer)?.n ?? null),
      qs.map((q) => q.liveChecksJson),
    )) as [number, number][];
  for (const [n, id] of ids) storedNow.set(answers[n - 1]!, id);
}

/** VALUES rows for `count` new answers: the next power of two, at least one. */
const answerSlots = (count: number) => (count <= 1 ? 1 : 2 ** Math.ceil(Math.log2(count)));

const texts = new Map<number, string>();
function groupSql(slots: number): string {
  let text = texts.get(slots);
  if (text === undefined) {
    const rows = Array.from({ length: slots }, (_, i) => (i === 0 ? '(?::text, ?::text, 1)' : `(?, ?, ${i + 1})`));
    text = `
      WITH new_answers (offers, created_at, n) AS (VALUES ${rows.join(', ')}),
      answers AS (
        SELECT nextval(pg_get_serial_sequence('qualification_answers', 'id')) AS id, a.offers, a.created_at, a.n
          FROM new_answers a WHERE a.offers IS NOT NULL
      ), stored_answers AS (
        INSERT INTO qualification_answers (id, offers, created_at) SELECT id, offers, created_at FROM answers
      ), stored_qualifications AS (
        INSERT INTO qualifications (id, requested_by, request, address, created_at, expires_at, answer_id, live_checks)
        SELECT q.id, q.requested_by, q.request, q.address, q.created_at, q.expires_at,
               coalesce(q.answer_id, answers.id), q.live_checks
          FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[],
                      ?::text[])
            AS q(id, requested_by, request, address, created_at, expires_at, answer_id, answer_n, live_checks)
          LEFT JOIN answers ON answers.n = q.answer_n
      )
      SELECT n, id FROM answers`;
    texts.set(slots, text);
  }
  return text;
}
