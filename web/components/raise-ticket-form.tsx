import { ticketSeverities } from '../../openapi/tickets.js';
import { Field, Select } from './fields.js';

/** Raising a fault on a delivered order, from its page; the key makes a double submit raise one ticket. */
export const RaiseTicketForm = ({ orderId, idempotencyKey }: { orderId: string; idempotencyKey: string }) => (
  <form method="post" action={`/orders/${encodeURIComponent(orderId)}/tickets`} class="action">
    <h3>Raise a trouble ticket</h3>
    <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
    <Field label="Desk reference" name="deskReference" required />
    <Select label="Severity" name="severity" options={ticketSeverities.map((s) => [s, s] as const)} />
    <Select label="Priority" name="priority" options={['1', '2', '3', '4'].map((p) => [p, `P${p}`] as const)} />
    <Field label="Impact" name="impact" required />
    <Field label="Description" name="description" required />
    <Field label="Contact name" name="contactName" required />
    <Field label="Contact e-mail" name="contactEmail" type="email" required />
    <Field label="Contact phone" name="contactPhone" />
    <button type="submit">Raise ticket</button>
  </form>
);
