import type { TmfMilestone } from '../../../openapi/tmf622.js';

export type MissedMilestone = {
  /** Which milestone of the order: its id, else its name, else its place in the list. */
  key: string;
  name: string | undefined;
  status: string;
  milestoneDate: string | undefined;
  message: string | undefined;
};

/**
 * Which of a carrier's TMF622 v5 milestones count as missed. The v5 Milestone `status` has three values,
 * Yet-To-Reach, Completed and Violated, and `milestoneDate` is "the date that the milestone happens". So:
 * - `Violated`: the carrier says the milestone was missed: missed;
 * - `Yet-To-Reach` with a milestoneDate before the event's time: its date has passed and it is still not reached,
 *   by the carrier's own account: missed;
 * - `Completed`, `Yet-To-Reach` still ahead or without a date, and any status v5 does not define: not missed.
 * Judged against the event's time (the carrier's clock when it wrote the event), not our receipt time, so a
 * delivery that arrives late is read as it was written. Pure.
 */
export function missedMilestones(milestones: readonly TmfMilestone[], eventTime: string): MissedMilestone[] {
  const reportedAt = Date.parse(eventTime);
  return milestones.flatMap((m, index): MissedMilestone[] => {
    const due = m.milestoneDate === undefined ? Number.NaN : Date.parse(m.milestoneDate);
    const overdue = m.status === 'Yet-To-Reach' && due < reportedAt;
    if (m.status !== 'Violated' && !overdue) return [];
    return [
      {
        key: m.id ?? m.name ?? `#${index + 1}`,
        name: m.name,
        status: m.status!,
        milestoneDate: m.milestoneDate,
        message: m.message,
      },
    ];
  });
}

/** The text kept with the fact and sent to subscribers' desks. */
export function describeMissedMilestone(m: MissedMilestone): string {
  const what = `Milestone ${m.name ?? m.key} missed (${m.status}${m.milestoneDate ? `, due ${m.milestoneDate}` : ''})`;
  return m.message ? `${what}: ${m.message}` : what;
}
