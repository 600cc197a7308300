import type { Role } from '../../openapi/common.js';

/** Roles that may act on orders and tickets from the dashboard (as the API's desk actions allow). */
export const deskRoles: readonly Role[] = ['admin', 'desk'];

/** One action on the page: a same-origin POST form, with a reason when the action needs one. */
export const ActionForm = ({
  action,
  label,
  reason,
  hidden = {},
}: {
  action: string;
  label: string;
  reason?: string;
  hidden?: Record<string, string>;
}) => {
  const id = `reason-${action.replace(/\W+/g, '-')}`;
  return (
    <form method="post" action={action} class="action">
      {Object.entries(hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {reason && (
        <>
          <label for={id}>{reason}</label>
          <input id={id} name="reason" type="text" required maxlength={500} />
        </>
      )}
      <button type="submit">{label}</button>
    </form>
  );
};
