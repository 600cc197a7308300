import { Field } from './fields.js';

/**
 * Changing (a new bandwidth) or ceasing a delivered tail, from its order's page: each places an order of its own; the
 * key makes a double submit place one.
 */
export const ChangeTailForm = ({
  orderId,
  bandwidthMbps,
  idempotencyKey,
}: {
  orderId: string;
  bandwidthMbps: number;
  idempotencyKey: string;
}) => (
  <form method="post" action={`/orders/${encodeURIComponent(orderId)}/changes`} class="action">
    <h3>Change or cease this tail</h3>
    <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
    <div class="field">
      <label for="change-action">Change</label>
      <select id="change-action" name="action">
        <option value="modify">Change the bandwidth</option>
        <option value="delete">Cease the tail</option>
      </select>
    </div>
    <Field label="Desk reference" name="deskReference" id="change-desk-reference" required />
    <Field label="Requested completion date" name="requestedCompletionDate" id="change-date" type="date" required />
    <Field
      label="New bandwidth (Mb/s)"
      name="bandwidthMbps"
      id="change-bandwidth"
      type="number"
      min={1}
      hint={`Now ${bandwidthMbps} Mb/s; leave empty to cease`}
    />
    <button type="submit">Place the change</button>
  </form>
);
