import type { Context, Hono } from 'hono';
import { certificationDepsOf } from '../../api/routes/certifications/run.js';
import type { AppEnv } from '../../api/context.js';
import { ApiError } from '../../api/errors.js';
import { partnerUrls, refuseForbiddenUrls } from '../../api/routes/outbound-urls.js';
import { OnboardingPartnerSchema } from '../../openapi/onboarding.js';
import { onboardCarrier, type OnboardingOutcome } from '../../partners/certification/onboarding.js';
import { Field } from '../components/fields.js';
import { emptyForm, formValues, withProblems, zodProblems, type FormState } from '../forms.js';
import { Layout } from '../layout.js';
import { render } from '../render.js';
import { guard, guardPost } from './guard.js';

const exampleAdapter = JSON.stringify(
  { orderingApi: 'tmf622-v5', troubleTicketApi: 'tmf621-v5', baseUrl: 'https://sandbox.carrier.example/tmf-api' },
  null,
  2,
);

/** Form fields and the API paths (OnboardingRequest.partner) whose problems they show. */
const fieldOf: Record<string, string> = {
  name: 'name',
  country: 'country',
  defaultCurrency: 'defaultCurrency',
  'calendar.timeZone': 'timeZone',
  'calendar.holidayRegion': 'holidayRegion',
  'escalation.0.address': 'escalationEmail',
};

/** The partner's own fields on the form: what each asks, and what it starts with. */
const partnerFields: { label: string; name: string; initial?: string; required?: boolean; type?: string }[] = [
  { label: 'Name', name: 'name', required: true },
  { label: 'Country (GB or US)', name: 'country', initial: 'GB', required: true },
  { label: 'Currency', name: 'defaultCurrency', initial: 'GBP', required: true },
  { label: 'Time zone', name: 'timeZone', initial: 'Europe/London', required: true },
  { label: 'Holiday region', name: 'holidayRegion', initial: 'GB-ENG' },
  { label: 'Service desk e-mail (escalation level 1)', name: 'escalationEmail', type: 'email', required: true },
];

function OnboardForm({ form, caller }: { form: FormState; caller: AppEnv['Variables']['caller'] }) {
  const v = form.values;
  return (
    <Layout title="Onboard a carrier" caller={caller} current="partners">
      <p>
        Registers the carrier, imports its coverage, stores its OLA policy, certifies its API against its sandbox and
        activates it, stopping at the first step that fails. Files sent here are 64 KiB at most (about 1,000 coverage
        rows); a larger coverage file goes through the API or <code>npm run cli -- coverage import</code> afterwards.
      </p>
      {form.general.length > 0 && (
        <ul class="error" role="alert">
          {form.general.map((p) => (
            <li>{p}</li>
          ))}
        </ul>
      )}
      <form method="post" action="/onboard-carrier" enctype="multipart/form-data" class="action">
        {partnerFields.map((f) => (
          <Field
            label={f.label}
            name={f.name}
            type={f.type}
            value={v[f.name] ?? f.initial}
            error={form.errors[f.name]}
            required={f.required}
          />
        ))}
        <label for="f-adapter">Adapter settings (JSON, as the API's partner adapter)</label>
        <textarea id="f-adapter" name="adapter" rows={8} cols={80} required>
          {v.adapter ?? exampleAdapter}
        </textarea>
        <label for="f-coverage">Coverage CSV</label>
        <input id="f-coverage" name="coverage" type="file" accept=".csv,text/csv" required />
        <label for="f-policy">OLA policy (YAML)</label>
        <input id="f-policy" name="policy" type="file" accept=".yaml,.yml" required />
        <button type="submit">Onboard</button>
      </form>
    </Layout>
  );
}

function OutcomePage({ outcome, caller }: { outcome: OnboardingOutcome; caller: AppEnv['Variables']['caller'] }) {
  return (
    <Layout title={outcome.activated ? 'Onboarded: active' : 'Onboarding stopped'} caller={caller} current="partners">
      <table>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Outcome</th>
            <th scope="col">Time</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {outcome.steps.map((s) => (
            <tr class={s.outcome === 'failed' ? 'breached' : undefined}>
              <td>{s.step}</td>
              <td>{s.outcome}</td>
              <td>{`${s.ms} ms`}</td>
              <td>{s.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {outcome.partnerId && outcome.certificationId && (
        <p>
          <a href={`/partners/${outcome.partnerId}/certifications/${outcome.certificationId}`}>
            The certification report
          </a>
        </p>
      )}
      <p>
        <a href="/partners">All partners</a>
      </p>
    </Layout>
  );
}

/** The carrier URLs Tailgate may not call (as POST /api/v1/partners refuses them), as problems of the form. */
async function forbiddenUrls(c: Context<AppEnv>, partner: Parameters<typeof partnerUrls>[0]) {
  try {
    await refuseForbiddenUrls(c.get('deps'), partnerUrls(partner));
    return [];
  } catch (err) {
    if (err instanceof ApiError && err.errors) return err.errors;
    throw err;
  }
}

const fileText = async (value: unknown) => (value instanceof File ? await value.text() : '');

async function onboard(c: Context<AppEnv>) {
  const body = await c.req.parseBody();
  const v = formValues(body);
  let adapter: unknown;
  try {
    adapter = JSON.parse(v.adapter ?? '');
  } catch {
    return render(
      c,
      <OnboardForm form={{ ...emptyForm(v), errors: {}, general: ['adapter: not JSON'] }} caller={c.get('caller')} />,
      422,
    );
  }
  const partner = OnboardingPartnerSchema.safeParse({
    name: v.name,
    country: v.country,
    defaultCurrency: v.defaultCurrency,
    adapter,
    escalation: [{ level: 1, name: 'Service desk', channel: 'email', address: v.escalationEmail }],
    calendar: { timeZone: v.timeZone, ...(v.holidayRegion ? { holidayRegion: v.holidayRegion } : {}) },
  });
  const coverage = await fileText(body.coverage);
  const policy = await fileText(body.policy);
  const missing = [
    ...(coverage ? [] : ['coverage: choose the CSV file']),
    ...(policy ? [] : ['policy: choose the YAML file']),
  ];
  const problems = partner.success ? await forbiddenUrls(c, partner.data) : zodProblems(partner.error.issues);
  if (!partner.success || problems.length > 0 || missing.length > 0) {
    const form = withProblems(v, problems, fieldOf);
    return render(
      c,
      <OnboardForm form={{ ...form, general: [...form.general, ...missing] }} caller={c.get('caller')} />,
      422,
    );
  }
  const outcome = await onboardCarrier(
    certificationDepsOf(c.get('deps')),
    {
      partner: partner.data,
      coverage: { csv: [coverage], source: 'dashboard:onboarding' },
      policy: { text: policy, format: 'yaml' },
    },
    c.get('caller').keyId,
  );
  return render(c, <OutcomePage outcome={outcome} caller={c.get('caller')} />, outcome.activated ? 200 : 422);
}

/** The dashboard's guided onboarding (admin): one form, the same flow as `partners onboard` and the API's. */
export function registerPartnerOnboarding(web: Hono<AppEnv>): void {
  web.get('/onboard-carrier', guard('partners'), (c) =>
    render(c, <OnboardForm form={emptyForm()} caller={c.get('caller')} />),
  );
  web.post('/onboard-carrier', guardPost('partners'), onboard);
}
