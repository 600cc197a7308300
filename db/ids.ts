import { randomFillSync } from 'node:crypto';

/**
 * Random bytes for ids, drawn from the CSPRNG a pool at a time (as the uuid package does): one call per id cost
 * more than the rest of making it, and qualifications make one per request.
 */
const RANDOM_BYTES = 12;
const pool = Buffer.alloc(RANDOM_BYTES * 256);
let poolOffset = pool.length;
function randomPart(): string {
  if (poolOffset + RANDOM_BYTES > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += RANDOM_BYTES;
  return pool.toString('base64url', poolOffset - RANDOM_BYTES, poolOffset);
}

/** Opaque, URL-safe, prefixed ids (`ptn_…`, `key_…`) so a glance tells what an id names. */
export function newId(prefix: string): string {
  return `${prefix}_${randomPart()}`;
}

/** Crockford's base32 digits, in ASCII order, so the encoded time sorts as the number does. */
const TIME_DIGITS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_DIGIT_COUNT = 10;

/** Characters of a newTimeOrderedId after its prefix and underscore: always this many, all ASCII. */
export const TIME_ORDERED_ID_BODY_LENGTH = TIME_DIGIT_COUNT + (RANDOM_BYTES / 3) * 4;

/**
 * Like newId, with the creation time (milliseconds, 10 base32 digits) before the same 96 random bits, so ids sort by
 * creation. For rows written at a high rate (qualifications and their offers): a random key lands on a random leaf
 * of its primary-key index and dirties a page per row, while ever-growing keys all land on the index's last page.
 * The time is no secret (the resource shows its createdAt); the random part keeps the id unguessable.
 */
export function newTimeOrderedId(prefix: string, at: Date): string {
  let ms = at.getTime();
  let time = '';
  for (let i = 0; i < TIME_DIGIT_COUNT; i += 1) {
    time = TIME_DIGITS[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  return `${prefix}_${time}${randomPart()}`;
}
