/** Form controls that always carry a label, and an error tied to the control by aria-describedby. */

type FieldProps = {
  label: string;
  name: string;
  type?: string;
  value?: string | number | undefined;
  error?: string | undefined;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  min?: string | number;
  placeholder?: string;
  /** The control's id when two forms on a page share a field name (default `f-<name>`). */
  id?: string;
};

export function Field({
  label,
  name,
  type = 'text',
  value,
  error,
  required,
  hint,
  autocomplete,
  min,
  placeholder,
  id: ownId,
}: FieldProps) {
  const id = ownId ?? `f-${name}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>
        {label}
        {required ? ' (required)' : ''}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        value={value === undefined ? undefined : String(value)}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
        autocomplete={autocomplete}
        min={min}
        placeholder={placeholder}
      />
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {error && (
        <small id={`${id}-error`} class="error">
          {error}
        </small>
      )}
    </div>
  );
}

type SelectProps = {
  label: string;
  name: string;
  value?: string | undefined;
  options: readonly (readonly [string, string])[];
  error?: string | undefined;
};

/** A select; options are [value, text] pairs (an empty value reads "any"). */
export function Select({ label, name, value, options, error }: SelectProps) {
  const id = `f-${name}`;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {options.map(([v, text]) => (
          <option value={v} selected={v === (value ?? '')}>
            {text}
          </option>
        ))}
      </select>
      {error && (
        <small id={`${id}-error`} class="error">
          {error}
        </small>
      )}
    </div>
  );
}

/** Problems the form could not place next to a field. */
export const FormErrors = ({ messages }: { messages: string[] }) =>
  messages.length === 0 ? null : (
    <div class="errors" role="alert">
      <p>Please correct the following:</p>
      <ul>
        {messages.map((m) => (
          <li>{m}</li>
        ))}
      </ul>
    </div>
  );
