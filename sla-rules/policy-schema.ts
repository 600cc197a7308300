/**
 * The OLA policy document schema. NOT workflow-safe: calendars reuse calendar-schema.ts, which checks holiday
 * regions with date-holidays. Workflows receive the parsed `Policy` as data.
 */
import { z } from 'zod';
import { BusinessCalendarSchema } from './calendar-schema.js';
import { orderStates } from './order-states.js';
import { PenaltyCapsSchema, PenaltyClauseSchema } from './penalties/clause-schema.js';
import { ticketStatuses } from './ticket-states.js';
import type { EntityKind, Ola, Policy } from './types.js';

const identifier = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be an identifier (letters, digits, . _ -)');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

const Matcher = z
  .strictObject({
    event: identifier.optional(),
    state: oneOrMany(z.string()).optional(),
    milestone: z.string().min(1).optional(),
  })
  .refine(
    (m) => m.event !== undefined || m.state !== undefined || m.milestone !== undefined,
    'give at least one of event, state, milestone',
  );
const Conditions = z.union([Matcher, z.array(Matcher)]).transform((v) => (Array.isArray(v) ? v : [v]));

const count = z.number().int('must be a whole number').nonnegative();
const targetKinds = [
  'businessDuration',
  'clockDuration',
  'workingDays',
  'nextWorkingDayBy',
  'committedDate',
  'leadTime',
] as const;
const Target = z.discriminatedUnion(
  'kind',
  [
    z
      .strictObject({
        kind: z.literal('businessDuration'),
        hours: z.number().nonnegative().default(0),
        minutes: count.default(0),
      })
      .refine((t) => t.hours * 60 + t.minutes > 0, 'a duration must be longer than zero'),
    z
      .strictObject({
        kind: z.literal('clockDuration'),
        days: count.default(0),
        hours: z.number().nonnegative().default(0),
        minutes: count.default(0),
      })
      .refine((t) => (t.days * 24 + t.hours) * 60 + t.minutes > 0, 'a duration must be longer than zero'),
    z.strictObject({
      kind: z.literal('workingDays'),
      days: z.number().int('must be a whole number').min(1),
      cutOff: hhmm.optional(),
    }),
    z.strictObject({ kind: z.literal('nextWorkingDayBy'), time: hhmm, cutOff: hhmm.optional() }),
    z.strictObject({ kind: z.literal('committedDate'), use: z.enum(['latest', 'first']).default('latest') }),
    z.strictObject({ kind: z.literal('leadTime'), cutOff: hhmm.optional() }),
  ],
  { error: `kind must be one of ${targetKinds.join(', ')}` },
);

const Thresholds = z
  .array(z.number().gt(0, 'must be above 0').lt(100, 'must be below 100 (100% is the breach)'))
  .refine((t) => t.every((v, i) => i === 0 || v > t[i - 1]!), 'thresholds must be strictly ascending');

const OlaInput = z.strictObject({
  id: identifier,
  metric: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be a camelCase metric name such as orderAcknowledgement'),
  description: z.string().optional(),
  appliesTo: z.strictObject({
    entity: z.enum(['order', 'ticket']),
    products: z.array(z.string().min(1)).min(1).optional(),
    priorities: z.array(z.string().min(1)).min(1).optional(),
    actions: z
      .array(z.enum(['add', 'modify', 'delete']))
      .min(1)
      .optional(),
  }),
  // The carrier's clocks start when it accepted the order or ticket (our own lag before that is not its time).
  start: Conditions.default([{ event: 'submitted' }]),
  stop: Conditions,
  pause: Conditions.default([]),
  resume: Conditions.default([]),
  cancel: Conditions.optional(),
  reopen: Conditions.default([]),
  restart: Conditions.default([]),
  stopTime: z.enum(['received', 'claimed']).default('claimed'),
  claimTolerance: z
    .strictObject({ minutes: z.number().nonnegative().default(0), seconds: count.default(0) })
    .default({ minutes: 5, seconds: 0 }),
  target: Target,
  calendar: identifier.optional(),
  jeopardy: Thresholds.optional(),
  penalty: z.strictObject({ clause: identifier }).optional(),
});
type OlaInput = z.output<typeof OlaInput>;

const PolicyInput = z.strictObject({
  id: identifier,
  partner: z.string().min(1).optional(),
  version: z.number().int('must be a whole number').min(1),
  effectiveFrom: z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: 'must be a date (YYYY-MM-DD) or an ISO datetime with zone',
  }),
  description: z.string().optional(),
  defaults: z.strictObject({ calendar: identifier.optional(), jeopardy: Thresholds.optional() }).default({}),
  calendars: z.record(identifier, BusinessCalendarSchema).default({}),
  penaltyClauses: z.record(identifier, PenaltyClauseSchema).default({}),
  penaltyCaps: PenaltyCapsSchema.optional(),
  /** How long after the carrier resolved a fault the desk may reopen it (default 72 hours). */
  ticketReopenWindow: z.strictObject({ hours: z.number().int('must be a whole number').min(1) }).optional(),
  olas: z.array(OlaInput).min(1, 'a policy needs at least one OLA'),
});
type PolicyInput = z.output<typeof PolicyInput>;

const statesOf: Record<EntityKind, readonly string[]> = { order: orderStates, ticket: ticketStatuses };
const defaultCancel: Record<EntityKind, Ola['cancel']> = {
  order: [{ state: ['cancelled', 'rejected'] }],
  ticket: [{ state: ['cancelled', 'rejected'] }],
};
const conditionKeys = ['start', 'stop', 'pause', 'resume', 'cancel', 'reopen', 'restart'] as const;

/** Checks that need the whole document: references, unique ids, states that exist for the entity. */
function crossCheck(p: PolicyInput, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const calendars = Object.keys(p.calendars);
  for (const [name, cal] of Object.entries(p.calendars)) {
    if (Object.values(cal.workingHours).every((periods) => periods.length === 0))
      issue(['calendars', name, 'workingHours'], 'a calendar needs some working hours');
  }
  if (p.defaults.calendar !== undefined && !p.calendars[p.defaults.calendar]) {
    issue(
      ['defaults', 'calendar'],
      `unknown calendar '${p.defaults.calendar}' (known: ${calendars.join(', ') || 'none'})`,
    );
  }
  const ids = new Set<string>();
  p.olas.forEach((ola, i) => {
    if (ids.has(ola.id)) issue(['olas', i, 'id'], `duplicate OLA id '${ola.id}'`);
    ids.add(ola.id);
    const calendar = ola.calendar ?? p.defaults.calendar;
    if (ola.calendar !== undefined && !p.calendars[ola.calendar]) {
      issue(['olas', i, 'calendar'], `unknown calendar '${ola.calendar}' (known: ${calendars.join(', ') || 'none'})`);
    } else if (calendar === undefined && ola.target.kind !== 'clockDuration') {
      issue(
        ['olas', i, 'calendar'],
        `a ${ola.target.kind} target needs a calendar: set one here or in defaults.calendar`,
      );
    }
    if (ola.penalty && !(ola.penalty.clause in p.penaltyClauses)) {
      issue(
        ['olas', i, 'penalty', 'clause'],
        `unknown penalty clause '${ola.penalty.clause}' (define it under penaltyClauses)`,
      );
    }
    if (ola.appliesTo.actions && ola.appliesTo.entity !== 'order') {
      issue(['olas', i, 'appliesTo', 'actions'], 'actions apply to orders only (add, modify, delete)');
    }
    if ((ola.target.kind === 'committedDate' || ola.target.kind === 'leadTime') && ola.appliesTo.entity !== 'order') {
      issue(['olas', i, 'target', 'kind'], `${ola.target.kind} targets apply to orders only`);
    }
    const known = statesOf[ola.appliesTo.entity];
    for (const key of conditionKeys) {
      ola[key]?.forEach((m, j) =>
        m.state?.forEach((s, k) => {
          if (!known.includes(s))
            issue(
              ['olas', i, key, j, 'state', k],
              `'${s}' is not a ${ola.appliesTo.entity} state (${known.join(', ')})`,
            );
        }),
      );
    }
  });
}

function toOla(ola: OlaInput, p: PolicyInput): Ola {
  const { jeopardy, calendar, cancel, ...rest } = ola;
  return {
    ...rest,
    cancel: cancel ?? defaultCancel[ola.appliesTo.entity],
    jeopardy: jeopardy ?? p.defaults.jeopardy ?? [50, 75, 90],
    calendar: calendar ?? (ola.target.kind === 'clockDuration' ? undefined : p.defaults.calendar),
  };
}

/** Validates a policy document and fills in defaults; the output is the engine's `Policy`. */
export const PolicySchema = PolicyInput.superRefine(crossCheck).transform((p): Policy => ({
  id: p.id,
  partner: p.partner,
  version: p.version,
  effectiveFrom: p.effectiveFrom,
  description: p.description,
  calendars: p.calendars,
  penaltyClauses: p.penaltyClauses,
  ...(p.penaltyCaps ? { penaltyCaps: p.penaltyCaps } : {}),
  ...(p.ticketReopenWindow ? { ticketReopenWindow: p.ticketReopenWindow } : {}),
  olas: p.olas.map((ola) => toOla(ola, p)),
}));
