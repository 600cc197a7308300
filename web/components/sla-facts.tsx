import type { SlaFactRow } from '../../db/repositories/sla-facts.js';
import { instantText } from '../format.js';

const what = (f: SlaFactRow) =>
  f.kind === 'breach'
    ? 'Breach'
    : f.kind === 'jeopardy'
      ? `Jeopardy ${f.threshold}%`
      : 'Jeopardy declared by the carrier';

/** The jeopardy and breach facts recorded for an order or ticket (each once per clock and threshold). */
export const SlaFacts = ({ facts }: { facts: SlaFactRow[] }) => (
  <section aria-labelledby="facts-heading">
    <h2 id="facts-heading">Jeopardy and breaches recorded</h2>
    {facts.length === 0 ? (
      <p>None.</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th scope="col">At</th>
            <th scope="col">What</th>
            <th scope="col">Clock</th>
            <th scope="col">Due</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {facts.map((f) => (
            <tr class={f.kind === 'breach' ? 'breached' : undefined}>
              <td>
                <time datetime={f.at}>{instantText(f.at)}</time>
              </td>
              <td>{what(f)}</td>
              <td>
                {f.olaId}{' '}
                <span class="muted">
                  ({f.metric}, policy v{f.policyVersion})
                </span>
              </td>
              <td>{instantText(f.dueAt)}</td>
              <td>{f.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);
