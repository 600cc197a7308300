import { Field, Select } from './fields.js';

type Props = {
  action: string;
  query: Record<string, string>;
  states: readonly string[];
  stateLabel: string;
  /** [id, name] of the partners to pick from; none for a partner key, which only ever sees its own. */
  partners: readonly (readonly [string, string])[] | null;
};

/** The search form over an order or ticket list: reference, partner and state; a GET, so results can be linked. */
export const ListFilters = ({ action, query, states, stateLabel, partners }: Props) => (
  <form method="get" action={action} class="filters" role="search">
    <Field label="Reference" name="q" value={query.q} hint="Our id, the desk reference or the carrier's reference" />
    {partners && (
      <Select label="Partner" name="partner" value={query.partner} options={[['', 'Any partner'], ...partners]} />
    )}
    <Select
      label={stateLabel}
      name="state"
      value={query.state}
      options={[['', 'Any'], ...states.map((s) => [s, s] as const)]}
    />
    <button type="submit">Search</button>
  </form>
);
