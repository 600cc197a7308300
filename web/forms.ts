/** A form as last sent: its values, an error per field, and problems about no one field. */
export type FormState = { values: Record<string, string>; errors: Record<string, string>; general: string[] };
export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {}, general: [] });

type Problem = { path: string; message: string };

/** Text fields of a posted form (files and repeated fields ignored), trimmed. */
export function formValues(body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') values[k] = v.trim();
  return values;
}

/** zod issues as the field paths the API would name. */
export const zodProblems = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): Problem[] =>
  issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

/**
 * Puts each problem beside the form field it is about (`fieldOf` maps an API path such as `site.line1` to the
 * field's name); problems about no field of this form are listed above it.
 */
export function withProblems(
  values: Record<string, string>,
  problems: Problem[],
  fieldOf: Record<string, string>,
): FormState {
  const state: FormState = { values, errors: {}, general: [] };
  for (const p of problems) {
    const field = fieldOf[p.path];
    if (field && !state.errors[field]) state.errors[field] = p.message;
    else if (!field) state.general.push(p.path ? `${p.path}: ${p.message}` : p.message);
  }
  return state;
}

/** A whole number typed into a form, or undefined when left empty (zod reports anything else). */
export const numberField = (value: string | undefined): number | undefined => (value ? Number(value) : undefined);

export const optional = (value: string | undefined): string | undefined => (value ? value : undefined);
