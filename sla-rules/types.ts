/**
 * The plain-data shapes the SLA engine works on. Types only, so workflow code can import them freely; the zod schema
 * that produces a `Policy` from YAML/JSON lives in policy-schema.ts (not workflow-safe: it reaches date-holidays).
 */
import type { PenaltyCaps, PenaltyClause } from './penalties/clause-schema.js';

/** An instant: a UTC ISO-8601 string (`2026-04-14T10:00:00Z`) or epoch milliseconds. Outputs are always ISO strings. */
export type Instant = string | number;

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** Local wall-clock times, 'HH:MM' (end may be '24:00'). */
export type WorkingPeriod = { start: string; end: string };
export type WorkingHours = Record<Weekday, WorkingPeriod[]>;

/** A business calendar as written in a policy (same fields as calendar-schema.ts BusinessCalendarSchema). */
export type CalendarSpec = {
  timeZone: string;
  workingHours: WorkingHours;
  holidayRegion?: string | undefined;
  closures: string[];
};

/**
 * A calendar with public holidays already expanded (see `resolveCalendar` in holidays.ts), so arithmetic needs no
 * holiday library and can run inside a Temporal workflow.
 */
export type ResolvedCalendar = {
  name: string;
  timeZone: string;
  workingHours: WorkingHours;
  /** Sorted, unique local dates (YYYY-MM-DD) on which nothing is open: public holidays plus partner closures. */
  closedDates: string[];
  /** Years whose public holidays are in `closedDates`; instants outside them are flagged on the clock. */
  holidayYears: { from: number; to: number };
};

/** Any-of matcher on one event. Every field given must match. */
export type EventMatcher = {
  /** Event type: 'created', 'state', 'committedDate', 'milestone', ... */
  event?: string | undefined;
  /** The event moves the entity into one of these states (implies event type 'state'). */
  state?: string[] | undefined;
  /** A milestone event with this name. */
  milestone?: string | undefined;
};

export type Target =
  | { kind: 'businessDuration'; hours: number; minutes: number }
  | { kind: 'clockDuration'; days: number; hours: number; minutes: number }
  | { kind: 'workingDays'; days: number; cutOff?: string | undefined }
  | { kind: 'nextWorkingDayBy'; time: string; cutOff?: string | undefined }
  | { kind: 'committedDate'; use: 'latest' | 'first' }
  | { kind: 'leadTime'; cutOff?: string | undefined };

export type EntityKind = 'order' | 'ticket';

export type Ola = {
  id: string;
  metric: string;
  description?: string | undefined;
  appliesTo: {
    entity: EntityKind;
    products?: string[] | undefined;
    priorities?: string[] | undefined;
    /** Orders only: the actions it measures (add: a new tail; modify: a change; delete: a cease); all if absent. */
    actions?: ('add' | 'modify' | 'delete')[] | undefined;
  };
  start: EventMatcher[];
  stop: EventMatcher[];
  pause: EventMatcher[];
  /** Empty: the clock resumes on the first state event that does not match `pause`. */
  resume: EventMatcher[];
  cancel: EventMatcher[];
  /** Events that reopen a stopped (met) clock, e.g. a resolved fault back in progress. Empty: stopped for good. */
  reopen: EventMatcher[];
  /**
   * Events that restart a running or paused clock from their receipt, e.g. `{ event: requestedDateChanged }`: the
   * buyer changed what it asked for, so the carrier's time is counted again from the change. Empty: never restarted.
   * Optional because policies recorded in workflow histories before it existed have none.
   */
  restart?: EventMatcher[] | undefined;
  /**
   * 'claimed' (default): a stop counts at the sender's time, bounded (ClockRun.stopInstant): never before the clock
   * started or an event received earlier, and at most `claimTolerance` plus Tailgate's own known delay
   * (SlaEvent.ownDelayMs) before its receipt. 'received': when Tailgate receives it.
   */
  stopTime: 'received' | 'claimed';
  /** How far before its receipt a claimed stop may lie beyond Tailgate's own delay (transit, the carrier's queue). */
  claimTolerance: { minutes: number; seconds: number };
  target: Target;
  /** Calendar name; absent only for clockDuration targets (24x7). */
  calendar?: string | undefined;
  /** Ascending percentages of the target, each in (0, 100). */
  jeopardy: number[];
  penalty?: { clause: string } | undefined;
};

/** The reopening window of a policy that names none. */
export const DEFAULT_TICKET_REOPEN_HOURS = 72;

export type Policy = {
  id: string;
  partner?: string | undefined;
  version: number;
  /** Date (midnight UTC) or ISO datetime from which this version is in force. */
  effectiveFrom: string;
  description?: string | undefined;
  calendars: Record<string, CalendarSpec>;
  /** Priced by penalties/ (priceBreach); the clock engine only checks that referenced names exist. */
  penaltyClauses: Record<string, PenaltyClause>;
  /** Partner caps per month and rolling 12 months (applyPartnerCaps). */
  penaltyCaps?: PenaltyCaps | undefined;
  /** How long after its resolution the desk may reopen a fault; absent: DEFAULT_TICKET_REOPEN_HOURS. */
  ticketReopenWindow?: { hours: number } | undefined;
  olas: Ola[];
};

/** One fact about an order or ticket, in receipt order. */
export type SlaEvent = {
  seq: number;
  type: 'created' | 'state' | 'committedDate' | 'milestone' | (string & {});
  state?: string | undefined;
  /** ISO instant, or a date (YYYY-MM-DD) meaning close of business on that date. */
  committedDate?: string | undefined;
  milestone?: string | undefined;
  /** When the sender says it happened: a stop may use it, bounded (Ola.stopTime); never applied to anything else. */
  occurredAt: Instant;
  /** When Tailgate received it; the clocks run on this. */
  receivedAt: Instant;
  source?: string | undefined;
  /**
   * Of the time between `occurredAt` and `receivedAt`, how much Tailgate knows was its own doing: while it could not
   * receive (its downtime), or between its asking a carrier that sends no events. A claimed stop may use it.
   */
  ownDelayMs?: number | undefined;
  /** Why `occurredAt` cannot be believed (in the future, or before the entity existed): the receipt is used. */
  claimNote?: string | undefined;
};

/** What the engine needs to know about the order or ticket itself. */
export type SlaEntity = {
  kind: EntityKind;
  product?: string | undefined;
  priority?: string | undefined;
  /** An order's action: add (a new tail, also when absent), modify (a change of one), delete (its cease). */
  action?: 'add' | 'modify' | 'delete' | undefined;
  /** Standard lead time in working days, for `leadTime` targets. */
  leadTimeDays?: number | undefined;
};

export type ClockState = 'notStarted' | 'running' | 'paused' | 'met' | 'breached' | 'cancelled';

export type ClockPause = {
  /** When the pause took effect: receipt of the pausing event. */
  from: string;
  /** Receipt of the resuming event; absent while paused. */
  to?: string | undefined;
  /** What the sender claimed for the pause start. Shown, never applied. */
  claimedAt: string;
  claimedTo?: string | undefined;
  /** The state (or event type) that paused the clock. */
  reason: string;
};

/** How a clock's stop instant was chosen from what the sender claimed and when Tailgate received it. */
export type ClockStop = {
  at: string;
  receivedAt: string;
  claimedAt: string;
  /**
   * received: the receipt (the OLA counts receipts, or the claim was no earlier); claimed: the sender's time;
   * bounded: the sender's time was earlier than the bounds allow, so the earliest allowed instant; untrusted: the
   * sender's time was refused (`note`), so the receipt.
   */
  basis: 'received' | 'claimed' | 'bounded' | 'untrusted';
  /** How far before its receipt the stop could lie: the OLA's tolerance plus `ownDelayMs`. */
  allowedMs: number;
  ownDelayMs: number;
  note?: string | undefined;
};

export type JeopardyMark = {
  threshold: number;
  /** When the threshold is (or was) reached given the pauses so far; null if the clock ended before it. */
  at: string | null;
  reached: boolean;
};

export type Clock = {
  olaId: string;
  metric: string;
  policyId: string;
  policyVersion: number;
  state: ClockState;
  /** 'business': elapsed/remaining count only open time of `calendar`; 'clock': 24x7 wall time. */
  measure: 'business' | 'clock';
  calendar: string;
  target: Target;
  /** The target in the clock's measure (ms); null until known (e.g. no committed date yet). */
  targetMs: number | null;
  startedAt: string | null;
  /** What started it: an event type (`submitted`, `created`, ...) or `state <name>`. */
  startedBy: string | null;
  dueAt: string | null;
  breachedAt: string | null;
  stoppedAt: string | null;
  /** How the stop instant was chosen; null until stopped (and for a cancelled clock). */
  stop: ClockStop | null;
  endedBy: 'stop' | 'cancel' | null;
  /** The committed date the clock is measured against (committedDate targets). */
  committedDate: string | null;
  elapsedMs: number;
  remainingMs: number;
  /** Elapsed beyond the target, in the clock's measure: what late-delivery penalties are priced on. */
  overrunMs: number;
  /** Time (in the clock's measure) that did not count because the clock was paused. */
  pausedMs: number;
  percentage: number;
  pauses: ClockPause[];
  jeopardy: JeopardyMark[];
  penalty: { clause: string } | null;
  /** Things a reader of the SLA view should know: ignored events, calendar data missing. */
  notes: string[];
};
