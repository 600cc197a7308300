/** Shared fixtures for the sla-rules tests (not part of the library). */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolvePolicyCalendars } from './holidays.js';
import { parsePolicy } from './parse-policy.js';
import type { Policy, ResolvedCalendar, SlaEvent } from './types.js';

export const templatesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates');

export function loadTemplate(file: string): { policy: Policy; calendars: Record<string, ResolvedCalendar> } {
  const policy = parsePolicy(fs.readFileSync(path.join(templatesDir, file), 'utf8'), 'yaml', file);
  return { policy, calendars: resolvePolicyCalendars(policy, 2025, 2028) };
}

/** Events with receipt order by position; `claimed` defaults to the receipt time. */
export function history(
  ...items: Array<Omit<SlaEvent, 'seq' | 'occurredAt' | 'receivedAt'> & { at: string; claimed?: string }>
): SlaEvent[] {
  return items.map(({ at, claimed, ...rest }, seq) => ({
    seq,
    occurredAt: claimed ?? at,
    receivedAt: at,
    source: 'test',
    ...rest,
  }));
}

export const created = (at: string) => ({ type: 'created', at }) as const;
/** The carrier accepted the order or ticket: what starts its clocks by default. */
export const submitted = (at: string) => ({ type: 'submitted', at }) as const;
export const state = (s: string, at: string, claimed?: string) =>
  ({ type: 'state', state: s, at, ...(claimed ? { claimed } : {}) }) as const;
export const committed = (date: string, at: string) => ({ type: 'committedDate', committedDate: date, at }) as const;
