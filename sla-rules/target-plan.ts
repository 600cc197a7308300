import type { CalendarDays } from './calendar-days.js';
import {
  committedDeadline,
  deadlineAmount,
  nextWorkingDayByDeadline,
  workingDaysDeadline,
  type DeadlineAmount,
} from './deadlines.js';
import { MINUTE } from './instants.js';
import type { Measure } from './measure.js';
import type { SlaEntity, Target } from './types.js';

/** What a clock has to measure: an amount of its measure from the start, and how the last millisecond lands. */
export type TargetPlan = DeadlineAmount;

export type PlanContext = {
  measure: Measure;
  /** Null only for clockDuration targets (24x7, no calendar). */
  days: CalendarDays | null;
  entity: SlaEntity;
};

/**
 * The target as an amount of measured time from `start`. Relative deadlines (working days, next working day by,
 * committed date) become "the measured time from start to the deadline", so pauses extend them exactly like
 * durations. Null when the target cannot be known yet: no committed date, or no lead time on the entity.
 */
export function planTarget(
  target: Target,
  ctx: PlanContext,
  start: number,
  committed: string | null,
): TargetPlan | null {
  switch (target.kind) {
    case 'businessDuration':
      return { amount: (target.hours * 60 + target.minutes) * MINUTE, landing: 'end' };
    case 'clockDuration':
      return { amount: ((target.days * 24 + target.hours) * 60 + target.minutes) * MINUTE, landing: 'end' };
    case 'workingDays':
      return deadlineAmount(ctx.measure, start, workingDaysDeadline(need(ctx.days), start, target.days, target.cutOff));
    case 'leadTime': {
      const days = ctx.entity.leadTimeDays;
      if (days === undefined) return null;
      return deadlineAmount(ctx.measure, start, workingDaysDeadline(need(ctx.days), start, days, target.cutOff));
    }
    case 'nextWorkingDayBy':
      return deadlineAmount(
        ctx.measure,
        start,
        nextWorkingDayByDeadline(need(ctx.days), start, target.time, target.cutOff),
      );
    case 'committedDate':
      return committed === null ? null : deadlineAmount(ctx.measure, start, committedDeadline(ctx.days, committed));
  }
}

function need(days: CalendarDays | null): CalendarDays {
  if (!days) throw new Error('this target needs a business calendar');
  return days;
}
