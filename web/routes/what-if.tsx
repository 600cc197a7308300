import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../api/context.js';
import { financeZone } from '../../api/routes/reports/refusal.js';
import { getPartner, listPartners } from '../../db/repositories/partners.js';
import { WhatIfRequestSchema } from '../../openapi/what-if.js';
import { evaluateWhatIf, type WhatIfResult } from '../../reports/what-if/evaluate.js';
import { PolicyError } from '../../sla-rules/parse-policy.js';
import { Field, FormErrors, Select } from '../components/fields.js';
import { WhatIfAnswer } from '../components/what-if-views.js';
import { emptyForm, formValues, numberField, optional, type FormState } from '../forms.js';
import { Layout } from '../layout.js';
import { render } from '../render.js';
import { readTimelineText, timelineTextHint } from '../timeline-text.js';
import { guard, guardPost } from './guard.js';

const priorities = [['', 'none'], ...['P1', 'P2', 'P3', 'P4'].map((p) => [p, p] as const)] as const;

/** The request a posted form describes (the timeline only when its text has events), and the problems found. */
function requestOf(v: Record<string, string>) {
  const { events, lineNos, problems } = readTimelineText(v.timeline ?? '');
  const charges =
    v.monthlyCharge || v.installCharge
      ? {
          monthlyMinor: numberField(v.monthlyCharge) ?? 0,
          installMinor: numberField(v.installCharge) ?? 0,
          currency: v.currency ?? '',
        }
      : undefined;
  const body = {
    policy: v.draft ? { document: v.draft } : { version: numberField(v.version) ?? 0 },
    ...(events.length > 0 && {
      timeline: {
        entity: v.entity === 'ticket' ? 'ticket' : 'order',
        product: optional(v.product),
        priority: optional(v.priority),
        charges,
        asOf: optional(v.asOf),
        events,
      },
    }),
    ...(v.months && { months: v.months.split(/[\s,]+/).filter(Boolean) }),
  };
  return { body, lineNos, problems };
}

/** A problem with the request in the page's words: timeline events by their line in the text box. */
function problemText(path: readonly PropertyKey[], message: string, lineNos: number[]): string {
  if (path[0] === 'timeline' && path[1] === 'events' && typeof path[2] === 'number')
    return `timeline line ${lineNos[path[2]] ?? path[2] + 1}: ${String(path[3] ?? 'event')} ${message}`;
  if (path[0] === 'timeline' && path.length === 1) return message;
  return `${path.map(String).join('.')}: ${message}`;
}

/**
 * A policy version or an unsaved draft evaluated against a typed timeline and/or recorded months: the same answer
 * as POST /api/v1/partners/{id}/policy-what-if (evaluateWhatIf), for partner managers and finance.
 */
export function registerWhatIf(web: Hono<AppEnv>): void {
  const page = async (c: Context<AppEnv>, form: FormState, result?: WhatIfResult, status: 200 | 422 = 200) => {
    const partners = await listPartners(c.get('deps').db, { limit: 500 });
    const v = form.values;
    return render(
      c,
      <Layout title="Policy what-if" caller={c.get('caller')} current="whatIf">
        <p>
          What a policy version or an unsaved draft would measure and charge, computed by the same code as production.
          Nothing is stored.
        </p>
        <form method="post" action="/what-if" novalidate>
          <FormErrors messages={form.general} />
          <Select
            label="Partner"
            name="partnerId"
            value={v.partnerId}
            options={partners.map((p) => [p.id, p.name] as const)}
            error={form.errors.partnerId}
          />
          <Field label="Stored version" name="version" type="number" min={1} value={v.version ?? '1'} />
          <div class="field">
            <label for="f-draft">Or a draft policy document (YAML or JSON; used when given)</label>
            <textarea id="f-draft" name="draft" rows={10} cols={80}>
              {v.draft ?? ''}
            </textarea>
          </div>
          <Field
            label="Recorded months"
            name="months"
            value={v.months}
            hint="Months to measure again, e.g. 2026-09, 2026-10"
            error={form.errors.months}
          />
          <fieldset>
            <legend>A timeline</legend>
            <Select
              label="Entity"
              name="entity"
              value={v.entity}
              options={[
                ['order', 'order'],
                ['ticket', 'ticket'],
              ]}
            />
            <Field label="Product" name="product" value={v.product} />
            <Select label="Priority (tickets)" name="priority" value={v.priority} options={priorities} />
            <Field
              label="Monthly charge (minor units)"
              name="monthlyCharge"
              type="number"
              min={0}
              value={v.monthlyCharge}
            />
            <Field
              label="Install charge (minor units)"
              name="installCharge"
              type="number"
              min={0}
              value={v.installCharge}
            />
            <Field label="Currency" name="currency" value={v.currency ?? 'GBP'} />
            <Field label="Measure an open timeline at" name="asOf" value={v.asOf} hint="An instant; default now" />
            <div class="field">
              <label for="f-timeline">Events</label>
              <textarea id="f-timeline" name="timeline" rows={8} cols={80} aria-describedby="f-timeline-hint">
                {v.timeline ?? ''}
              </textarea>
              <small id="f-timeline-hint">{timelineTextHint}</small>
            </div>
          </fieldset>
          <button type="submit">Evaluate</button>
        </form>
        {result && <WhatIfAnswer result={result} />}
      </Layout>,
      status,
    );
  };

  web.get('/what-if', guard('whatIf'), (c) => page(c, emptyForm()));

  web.post('/what-if', guardPost('whatIf'), async (c) => {
    const deps = c.get('deps');
    const v = formValues(await c.req.parseBody());
    const invalid = (general: string[], errors: Record<string, string> = {}) =>
      page(c, { values: v, errors, general }, undefined, 422);
    const partner = v.partnerId ? await getPartner(deps.db, v.partnerId) : undefined;
    if (!partner) return invalid([], { partnerId: 'choose a partner' });
    const { body, lineNos, problems } = requestOf(v);
    if (problems.length > 0) return invalid(problems);
    const parsed = WhatIfRequestSchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error.issues.map((i) => problemText(i.path, i.message, lineNos)));
    try {
      const result = await evaluateWhatIf(deps.db, partner, parsed.data, {
        timeZone: financeZone(deps),
        now: deps.now(),
      });
      if (!result) return invalid([`${partner.name} has no stored version ${v.version}`]);
      return page(c, emptyForm(v), result);
    } catch (err) {
      if (!(err instanceof PolicyError)) throw err;
      return invalid(err.issues.map((i) => `${i.path}${i.line ? ` (line ${i.line})` : ''}: ${i.message}`));
    }
  });
}
