import { queryAll, queryFirst, queryRun } from '../execute.js';
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
