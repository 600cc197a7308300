import { queryAll, queryFirst, queryRun, statement } from '../execute.js';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { withConnection, writeTransaction } from '../access.js';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { manualTasks } from '../schema.js';
import { lockRow } from '../row-locks.js';

export type ManualTaskRow = typeof manualTasks.$inferSelect;

/** Opens a desk task for an order (or one of its tickets) unless one of the same kind is already open for it. */
export function openManualTask(
  db: Db,
  input: { orderId: string; ticketId?: string; kind: ManualTaskRow['kind']; reason: string; now: Date },
): Promise<ManualTaskRow> {
  return withConnection(db, async () => {
    return await writeTransaction(db, async () => {
      // Two attempts opening the same task (overlapping activity retries) take turns: the second finds the first's.
      await lockRow(db, 'orders', input.orderId);
      const sameSubject = input.ticketId ? eq(manualTasks.ticketId, input.ticketId) : isNull(manualTasks.ticketId);
      const open = await queryFirst(
        db
          .select()
          .from(manualTasks)
          .where(
            and(
              eq(manualTasks.orderId, input.orderId),
              sameSubject,
              eq(manualTasks.kind, input.kind),
              eq(manualTasks.status, 'open'),
            ),
          ),
      );
      if (open) return open;
      return await queryFirst(
        db
          .insert(manualTasks)
          .values({
            id: newId('tsk'),
            orderId: input.orderId,
            ticketId: input.ticketId ?? null,
            kind: input.kind,
            reason: input.reason,
            status: 'open',
            createdAt: input.now.toISOString(),
          })
          .returning(),
      );
    });
  });
}

export function closeManualTasks(db: Db, orderId: string, now: Date): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(
      db
        .update(manualTasks)
        .set({ status: 'closed', closedAt: now.toISOString() })
        .where(and(eq(manualTasks.orderId, orderId), isNull(manualTasks.ticketId), eq(manualTasks.status, 'open'))),
    );
  });
}

export function closeTicketManualTasks(db: Db, ticketId: string, now: Date): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(
      db
        .update(manualTasks)
        .set({ status: 'closed', closedAt: now.toISOString() })
        .where(and(eq(manualTasks.ticketId, ticketId), eq(manualTasks.status, 'open'))),
    );
  });
}

export function listManualTasks(db: Db, status: 'open' | 'closed', limit: number): Promise<ManualTaskRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select()
        .from(manualTasks)
        .where(eq(manualTasks.status, status))
        .orderBy(desc(manualTasks.createdAt))
        .limit(limit),
    );
  });
}

/** A task as the desk's queue shows it: with the desk reference of its order or ticket and its partner's name. */
export type QueuedTask = ManualTaskRow & { deskReference: string; partnerId: string; partnerName: string };

const queuedColumns = `select m.id, m.order_id as orderId, m.ticket_id as ticketId, m.kind, m.reason, m.status,
    m.created_at as createdAt, m.claimed_by as claimedBy, m.claimed_at as claimedAt, m.closed_at as closedAt,
    m.resolved_by as resolvedBy, m.note, coalesce(t.desk_reference, o.desk_reference) as deskReference,
    o.partner_id as partnerId, p.name as partnerName
  from manual_tasks m
  join orders o on o.id = m.order_id
  join partners p on p.id = o.partner_id
  left join tickets t on t.id = m.ticket_id`;

/**
 * The desk's queue: tasks with `status`, open ones oldest first (the longest waiting on top), closed ones newest
 * closed first; `afterId` continues a page (the last task's id). A partner never sees these (the routes say who may).
 */
export function deskQueue(
  db: Db,
  opts: { status: 'open' | 'closed'; limit: number; afterId?: string | undefined },
): Promise<QueuedTask[]> {
  return withConnection(db, async () => {
    const order = opts.status === 'open' ? 'asc' : 'desc';
    const time = opts.status === 'open' ? 'created_at' : 'closed_at';
    const cursor = opts.afterId
      ? `and (m.${time}, m.id) ${order === 'asc' ? '>' : '<'} (select ${time}, id from manual_tasks where id = @afterId)`
      : '';
    return (await statement(
      db,
      `${queuedColumns} where m.status = @status ${cursor} order by m.${time} ${order}, m.id ${order} limit @limit`,
    ).all({ status: opts.status, limit: opts.limit, ...(opts.afterId && { afterId: opts.afterId }) })) as QueuedTask[];
  });
}

/** One task as the queue shows it. */
export function queuedTask(db: Db, id: string): Promise<QueuedTask | undefined> {
  return withConnection(db, async () => {
    return (await statement(db, `${queuedColumns} where m.id = ?`).get(id)) as QueuedTask | undefined;
  });
}

export type TaskChange =
  { task: ManualTaskRow } | { refused: 'notFound' | 'closed' | 'claimedByOther'; task?: ManualTaskRow };

/** Reads a task for a change under its row lock, or says why it cannot change. */
async function taskToChange(db: Db, id: string, by: string): Promise<TaskChange> {
  await lockRow(db, 'manual_tasks', id);
  const task = await queryFirst(db.select().from(manualTasks).where(eq(manualTasks.id, id)));
  if (!task) return { refused: 'notFound' };
  if (task.status === 'closed') return { refused: 'closed', task };
  if (task.claimedBy && task.claimedBy !== by) return { refused: 'claimedByOther', task };
  return { task };
}

/** Takes an open task on for `by` (an API key id); claiming one's own claim again changes nothing. */
export function claimManualTask(db: Db, id: string, by: string, now: Date): Promise<TaskChange> {
  return withConnection(db, async () => {
    return await writeTransaction(db, async () => {
      const found = await taskToChange(db, id, by);
      if ('refused' in found || found.task.claimedBy) return found;
      const task = await queryFirst(
        db
          .update(manualTasks)
          .set({ claimedBy: by, claimedAt: now.toISOString() })
          .where(eq(manualTasks.id, id))
          .returning(),
      );
      return { task };
    });
  });
}

/** Resolves an open task with a note, as `by` (taking it on if nobody had). */
export function resolveManualTask(db: Db, id: string, by: string, note: string, now: Date): Promise<TaskChange> {
  return withConnection(db, async () => {
    return await writeTransaction(db, async () => {
      const found = await taskToChange(db, id, by);
      if ('refused' in found) return found;
      const at = now.toISOString();
      const task = await queryFirst(
        db
          .update(manualTasks)
          .set({
            status: 'closed',
            closedAt: at,
            resolvedBy: by,
            note,
            claimedBy: found.task.claimedBy ?? by,
            claimedAt: found.task.claimedAt ?? at,
          })
          .where(eq(manualTasks.id, id))
          .returning(),
      );
      return { task };
    });
  });
}

/** Closes the open refused-event tasks of an order (or one of its tickets) once the refused update was applied. */
export function closeRefusedEventTasks(
  db: Db,
  subject: { orderId: string; ticketId?: string | undefined },
  note: string,
  now: Date,
): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(
      db
        .update(manualTasks)
        .set({ status: 'closed', closedAt: now.toISOString(), note })
        .where(
          and(
            eq(manualTasks.orderId, subject.orderId),
            subject.ticketId ? eq(manualTasks.ticketId, subject.ticketId) : isNull(manualTasks.ticketId),
            eq(manualTasks.kind, 'event_refused'),
            eq(manualTasks.status, 'open'),
          ),
        ),
    );
  });
}
