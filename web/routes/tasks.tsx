import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../api/context.js';
import { taskOlaMinutes } from '../../api/routes/manual-tasks/ola.js';
import { changeDeskTask, listDeskQueue, type DeskTask } from '../../tails/desk-queue.js';
import { instantText, span } from '../format.js';
import { formValues } from '../forms.js';
import { Layout, MessagePage } from '../layout.js';
import { render } from '../render.js';
import { guard, guardPost } from './guard.js';

const subjectHref = (t: DeskTask) => (t.ticketId ? `/tickets/${t.ticketId}` : `/orders/${t.orderId}`);

function TaskRow({ task, me }: { task: DeskTask; me: string }) {
  const mine = task.claimedBy === me;
  return (
    <tr class={task.overdue ? 'breached' : undefined}>
      <td>
        {span(task.ageMs)}
        {task.overdue ? <strong> overdue</strong> : <span class="muted"> (due {instantText(task.dueAt)})</span>}
      </td>
      <td>
        <a href={subjectHref(task)}>{task.deskReference}</a>{' '}
        <span class="muted">({task.ticketId ? 'ticket' : 'order'})</span>
      </td>
      <td>{task.partnerName}</td>
      <td>{task.kind.replaceAll('_', ' ')}</td>
      <td>{task.reason}</td>
      <td>
        {task.status === 'closed' ? (
          <>
            {task.note ?? '–'} <span class="muted">({task.resolvedBy ?? 'closed by the platform'})</span>
          </>
        ) : (
          <>
            {task.claimedBy ? <p>Claimed by {mine ? 'you' : task.claimedBy}</p> : null}
            {!task.claimedBy ? (
              <form method="post" action={`/tasks/${task.id}/claim`}>
                <button type="submit">Claim</button>
              </form>
            ) : null}
            {!task.claimedBy || mine ? (
              <form method="post" action={`/tasks/${task.id}/resolve`}>
                <label for={`note-${task.id}`}>Resolution note</label>
                <textarea id={`note-${task.id}`} name="note" rows={2} required></textarea>
                <button type="submit">Resolve</button>
              </form>
            ) : null}
          </>
        )}
      </td>
    </tr>
  );
}

function TaskTable({ tasks, caption, me }: { tasks: DeskTask[]; caption: string; me: string }) {
  if (tasks.length === 0) return <p>None.</p>;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Age</th>
          <th scope="col">Order or ticket</th>
          <th scope="col">Partner</th>
          <th scope="col">Kind</th>
          <th scope="col">Why</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((t) => (
          <TaskRow task={t} me={me} />
        ))}
      </tbody>
    </table>
  );
}

/**
 * The desk's queue (GET /api/v1/manual-tasks, the same rows): open tasks oldest first with their age against the
 * desk's own OLA, claimed and resolved through the API's own code (changeDeskTask), and the latest resolved.
 */
export function registerTasks(web: Hono<AppEnv>): void {
  web.get('/tasks', guard('tasks'), async (c) => {
    const deps = c.get('deps');
    const settings = { olaMinutes: taskOlaMinutes(deps), now: deps.now() };
    const open = await listDeskQueue(deps.db, { status: 'open', limit: 200, ...settings });
    const closed = await listDeskQueue(deps.db, { status: 'closed', limit: 20, ...settings });
    const me = c.get('caller').keyId;
    return render(
      c,
      <Layout title="Desk queue" caller={c.get('caller')} current="tasks">
        <p>
          What workflows and refused carrier updates hand to a person. The desk's own OLA: resolved within{' '}
          {span(settings.olaMinutes * 60_000)} of opening.
        </p>
        <h2>Open, oldest first</h2>
        <TaskTable tasks={open} caption="Open tasks" me={me} />
        <h2>Recently resolved</h2>
        <TaskTable tasks={closed} caption="Resolved tasks" me={me} />
      </Layout>,
    );
  });

  const act = (action: 'claim' | 'resolve') => async (c: Context<AppEnv>) => {
    const deps = c.get('deps');
    const note = formValues(await c.req.parseBody()).note ?? '';
    const id = c.req.param('id')!;
    const by = c.get('caller').keyId;
    const settings = { olaMinutes: taskOlaMinutes(deps), now: deps.now() };
    if (action === 'resolve' && (note.length === 0 || note.length > 2000))
      return render(
        c,
        <MessagePage
          title="Not resolved"
          caller={c.get('caller')}
          text="Write a note (at most 2,000 characters) saying what was done."
        />,
        422,
      );
    const result = await changeDeskTask(
      deps.db,
      action === 'claim' ? { id, by, action } : { id, by, action, note },
      settings,
    );
    if (!('refused' in result)) return c.redirect('/tasks', 303);
    const text =
      result.refused === 'notFound'
        ? 'There is no such task.'
        : result.refused === 'closed'
          ? 'This task was closed already.'
          : 'Someone else has claimed this task.';
    return render(
      c,
      <MessagePage title="Not changed" caller={c.get('caller')} text={text} />,
      result.refused === 'notFound' ? 404 : 409,
    );
  };
  web.post('/tasks/:id/claim', guardPost('tasks'), act('claim'));
  web.post('/tasks/:id/resolve', guardPost('tasks'), act('resolve'));
}
