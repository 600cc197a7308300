import { randomBytes } from 'node:crypto';

/** Opaque, URL-safe, prefixed ids (`ptn_…`, `key_…`) so a glance tells what an id names. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
