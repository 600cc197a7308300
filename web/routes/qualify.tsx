import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { viewerOf } from '../../api/auth.js';
import type { AppEnv } from '../../api/context.js';
import { orderPlacement } from '../../api/routes/orders/placement.js';
import { OrderCreateSchema } from '../../openapi/orders.js';
import { QualificationRequestSchema, type Qualification } from '../../openapi/qualification.js';
import { findQualification, qualifyGrouped } from '../../partners/directory/qualification-service.js';
import { OffersAndOrder, QualifyForm } from '../components/qualify-views.js';
import { liveQualificationOf } from '../../api/live-qualification.js';
import { emptyForm, formValues, type FormState, numberField, optional, withProblems, zodProblems } from '../forms.js';
import { Layout } from '../layout.js';
import { carrierFieldsFromForm } from '../carrier-fields-form.js';
import { getPartner } from '../../db/repositories/partners.js';
import { createFromForm, formKey } from '../idempotent-form.js';
import { render } from '../render.js';
import { guard, guardPost, notFound } from './guard.js';

const qualifyFields: Record<string, string> = {
  'address.countryCode': 'countryCode',
  'address.postcode': 'postcode',
  'address.line1': 'line1',
  'productNeeds.productCode': 'productCode',
  'productNeeds.minBandwidthMbps': 'minBandwidthMbps',
  'productNeeds.maxLeadTimeDays': 'maxLeadTimeDays',
};
const orderFields: Record<string, string> = {
  offerId: 'offerId',
  deskReference: 'deskReference',
  requestedCompletionDate: 'requestedCompletionDate',
  note: 'note',
  'site.line1': 'line1',
  'site.city': 'city',
  'contact.name': 'contactName',
  'contact.email': 'contactEmail',
  'contact.phone': 'contactPhone',
  carrierFields: 'carrierFields',
};

const qualifyPage = (c: Context<AppEnv>, form: FormState, status: 200 | 422 = 200) =>
  render(
    c,
    <Layout title="Qualify an address" caller={c.get('caller')} current="qualify">
      <QualifyForm form={form} />
    </Layout>,
    status,
  );

const offersPage = (
  c: Context<AppEnv>,
  qualification: Qualification,
  form: FormState,
  key: string,
  status: 200 | 409 | 422 = 200,
) =>
  render(
    c,
    <Layout title="Offers" caller={c.get('caller')} current="qualify">
      <p>
        <a href="/qualify">New qualification</a>
      </p>
      <OffersAndOrder qualification={qualification} form={form} idempotencyKey={key} />
    </Layout>,
    status,
  );

/**
 * Qualification and ordering from the dashboard, through the API's own code paths: qualifyGrouped, then placeOrder
 * inside runIdempotent with a key generated into the form (a double submit places one order).
 */
export function registerQualify(web: Hono<AppEnv>): void {
  web.get('/qualify', guard('qualify'), (c) => qualifyPage(c, emptyForm()));

  web.post('/qualify', guardPost('qualify'), async (c) => {
    const deps = c.get('deps');
    const caller = c.get('caller');
    const v = formValues(await c.req.parseBody());
    const parsed = QualificationRequestSchema.safeParse({
      address: { countryCode: v.countryCode, postcode: v.postcode, line1: optional(v.line1) },
      productNeeds: {
        productCode: optional(v.productCode),
        minBandwidthMbps: numberField(v.minBandwidthMbps),
        maxLeadTimeDays: numberField(v.maxLeadTimeDays),
      },
    });
    if (!parsed.success) return qualifyPage(c, withProblems(v, zodProblems(parsed.error.issues), qualifyFields), 422);
    const outcome = await qualifyGrouped(deps.db, {
      request: parsed.data,
      requestedBy: caller.keyId,
      now: deps.now(),
      live: liveQualificationOf(deps),
    });
    if (!outcome.ok) return qualifyPage(c, withProblems(v, outcome.errors, qualifyFields), 422);
    return c.redirect(`/qualify/${encodeURIComponent(outcome.qualification.id)}`, 303);
  });

  web.get('/qualify/:id', guard('qualify'), async (c) => {
    const found = await findQualification(c.get('deps').db, c.req.param('id'));
    return found ? offersPage(c, found.qualification, emptyForm(), randomUUID()) : notFound(c, 'such qualification');
  });

  web.post('/qualify/:id/order', guardPost('qualify'), async (c) => {
    const deps = c.get('deps');
    const caller = c.get('caller');
    const found = await findQualification(deps.db, c.req.param('id'));
    if (!found) return notFound(c, 'such qualification');
    const { address } = found.qualification;
    const v = formValues(await c.req.parseBody());
    const key = formKey(v);
    // The partner's own fields are read as the types of its defaults (a number where its default is one).
    const offer = found.qualification.offers.find((o) => o.id === v.offerId);
    const partner = offer && (await getPartner(deps.db, offer.partnerId));
    const carrierFields = carrierFieldsFromForm(v.carrierFields, partner?.adapter.customFields?.orderDefaults ?? {});
    if (carrierFields.problem)
      return offersPage(
        c,
        found.qualification,
        withProblems(v, [{ path: 'carrierFields', message: carrierFields.problem }], orderFields),
        key,
        422,
      );
    const parsed = OrderCreateSchema.safeParse({
      offerId: v.offerId,
      carrierFields: carrierFields.fields,
      deskReference: v.deskReference,
      requestedCompletionDate: v.requestedCompletionDate,
      note: optional(v.note),
      site: { countryCode: address.countryCode, postcode: address.postcode, line1: v.line1, city: v.city },
      contact: { name: v.contactName, email: v.contactEmail, phone: optional(v.contactPhone) },
    });
    if (!parsed.success)
      return offersPage(
        c,
        found.qualification,
        withProblems(v, zodProblems(parsed.error.issues), orderFields),
        key,
        422,
      );
    const placed = await createFromForm(
      deps,
      caller,
      key,
      parsed.data,
      orderPlacement(deps, viewerOf(caller), parsed.data),
    );
    if ('id' in placed) return c.redirect(`/orders/${encodeURIComponent(placed.id)}`, 303);
    // A refused carrier field is named at the one input they are all typed into.
    const problems = placed.problems.map((p) =>
      p.path.startsWith('carrierFields.')
        ? { path: 'carrierFields', message: `${p.path.slice('carrierFields.'.length)}: ${p.message}` }
        : p,
    );
    return offersPage(c, found.qualification, withProblems(v, problems, orderFields), key, placed.status);
  });
}
