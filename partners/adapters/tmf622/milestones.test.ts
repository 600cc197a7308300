import { describe, expect, it } from 'vitest';
import { describeMissedMilestone, missedMilestones } from './milestones.js';

const reportedAt = '2026-03-02T12:00:00.000Z';

describe('missed carrier milestones (TMF622 v5 Milestone.status)', () => {
  it('counts Violated, and Yet-To-Reach whose date passed before the event; not Completed or still ahead', () => {
    const missed = missedMilestones(
      [
        { id: '1', name: 'orderAccepted', status: 'Completed', milestoneDate: '2026-03-01T09:00:00Z' },
        {
          id: '2',
          name: 'siteSurvey',
          status: 'Violated',
          milestoneDate: '2026-03-02T09:00:00Z',
          message: 'No access',
        },
        { id: '3', name: 'civilWorks', status: 'Yet-To-Reach', milestoneDate: '2026-03-02T11:59:59Z' },
        { id: '4', name: 'fibreSpliced', status: 'Yet-To-Reach', milestoneDate: '2026-03-09T09:00:00Z' },
        { id: '5', name: 'handover', status: 'Yet-To-Reach' },
        { id: '6', name: 'custom', status: 'late', milestoneDate: '2026-03-01T09:00:00Z' },
      ],
      reportedAt,
    );
    expect(missed.map((m) => [m.key, m.status])).toEqual([
      ['2', 'Violated'],
      ['3', 'Yet-To-Reach'],
    ]);
  });

  it('keys a milestone by id, else name, else its place, and describes it', () => {
    const missed = missedMilestones(
      [
        { name: 'siteSurvey', status: 'Violated' },
        { status: 'Violated', message: 'No access' },
      ],
      reportedAt,
    );
    expect(missed.map((m) => m.key)).toEqual(['siteSurvey', '#2']);
    expect(describeMissedMilestone(missed[1]!)).toBe('Milestone #2 missed (Violated): No access');
    const [dated] = missedMilestones(
      [{ id: '9', name: 'siteSurvey', status: 'Violated', milestoneDate: '2026-03-02T09:00:00Z' }],
      reportedAt,
    );
    expect(describeMissedMilestone(dated!)).toBe('Milestone siteSurvey missed (Violated, due 2026-03-02T09:00:00Z)');
  });
});
