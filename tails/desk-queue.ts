import type { Db } from '../db/client.js';
import {
  claimManualTask,
  deskQueue,
  queuedTask,
  resolveManualTask,
  type QueuedTask,
  type TaskChange,
} from '../db/repositories/manual-tasks.js';

/** The desk's own OLA for a manual task, from its opening to its resolution, unless MANUAL_TASK_OLA_MINUTES says. */
export const DEFAULT_MANUAL_TASK_OLA_MINUTES = 240;

/** A task in the desk's queue with its age against the desk's own OLA (wall time, 24x7). */
export type DeskTask = QueuedTask & { dueAt: string; ageMs: number; overdue: boolean };

/** Its age: to now while open, to its resolution once closed; overdue when that passed its due instant. */
export function withAge(task: QueuedTask, olaMinutes: number, now: Date): DeskTask {
  const opened = Date.parse(task.createdAt);
  const dueAt = opened + olaMinutes * 60_000;
  const end = task.closedAt ? Date.parse(task.closedAt) : now.getTime();
  return { ...task, dueAt: new Date(dueAt).toISOString(), ageMs: end - opened, overdue: end > dueAt };
}

export async function listDeskQueue(
  db: Db,
  opts: { status: 'open' | 'closed'; limit: number; afterId?: string | undefined; olaMinutes: number; now: Date },
): Promise<DeskTask[]> {
  return (await deskQueue(db, opts)).map((t) => withAge(t, opts.olaMinutes, opts.now));
}

/** A claim or resolution, answered as the queue shows the task (or why it could not change). */
export async function changeDeskTask(
  db: Db,
  change: { id: string; by: string; action: 'claim' } | { id: string; by: string; action: 'resolve'; note: string },
  opts: { olaMinutes: number; now: Date },
): Promise<{ task: DeskTask } | Extract<TaskChange, { refused: string }>> {
  const changed =
    change.action === 'claim'
      ? await claimManualTask(db, change.id, change.by, opts.now)
      : await resolveManualTask(db, change.id, change.by, change.note, opts.now);
  if ('refused' in changed) return changed;
  return { task: withAge((await queuedTask(db, change.id))!, opts.olaMinutes, opts.now) };
}
