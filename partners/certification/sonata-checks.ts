import type { NormalisedAddress } from '../../openapi/address.js';
import type { Partner } from '../../openapi/partners.js';
import { carrierUrl } from '../adapters/http.js';
import { sonataDeliveryDateModifications } from '../adapters/sonata/amend.js';
import { sonataNotePatch } from '../adapters/sonata/notes.js';
import { sonataCancelProductOrder, sonataProductOrder } from '../adapters/sonata/order-write.js';
import { SONATA_ORDERING_PATH, sonataOrderEvents } from '../adapters/sonata/ordering-client.js';
import { readSonataAnswer, SONATA_POQ_PATH, sonataPoqRequest } from '../adapters/sonata/poq.js';
import { sampleOrder } from './families.js';
import type { FamilyRun } from './family-checks.js';
import type { ReceivedEvent } from './listener.js';
import { CheckFailed, exchange, expectStatus, expectValid, type Exchange } from './suite.js';
import {
  bundledMefSpecsDir,
  loadTmfSpec,
  sonataOrderingSpecFile,
  sonataOrderNotificationSpecFile,
  sonataPoqSpecFile,
  type SpecValidator,
} from './tmf-spec.js';

export const asRecord = (value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** The run's orders, of a product the partner has Sonata items or a configuration for (else none can be built). */
const sonataSample = (partner: Partner, externalId: string, full: boolean) =>
  sampleOrder(
    partner,
    externalId,
    full,
    Object.entries(partner.adapter.productSpecifications ?? {}).find(
      ([, s]) => s.orderItems ?? s.productConfiguration,
    )?.[0],
  );

/** A week after the sample's requested day: the date the run asks the seller to move it to. */
const sonataLaterDate = (day: string) => new Date(Date.parse(day) + 7 * 86_400_000).toISOString().slice(0, 10);

export function errorBody(spec: SpecValidator, schema: string, answer: Exchange) {
  if (asRecord(answer.body)) expectValid(spec, schema, answer.body, "The carrier's error body", answer);
}

/**
 * The conformance checks of a carrier's MEF LSO Sonata Product Ordering API (v10), as the TMF families' are run:
 * reachable, hub subscribed, created with Tailgate's smallest and fullest orders, read, listed by externalId, an
 * unknown id (404), a create without productOrderItem (400/422), notifications received and valid per MEF's
 * notification file, cancelled, hub unsubscribed. Every payload both ways is checked against MEF's official files.
 */
export async function checkSonataOrdering(run: FamilyRun, partner: Partner): Promise<void> {
  const { rec, http } = run;
  const spec = loadTmfSpec(sonataOrderingSpecFile, bundledMefSpecsDir);
  const events = loadTmfSpec(sonataOrderNotificationSpecFile, bundledMefSpecsDir);
  const url = (path: string, query?: Record<string, string>) =>
    carrierUrl(run.baseUrl, `${SONATA_ORDERING_PATH}/${path}`, query);
  const id = (name: string) => `sonata.${name}`;
  const { adapter } = partner;

  const reachable = await rec.run(id('reachable'), 'The API answers (GET productOrder)', async () => {
    rec.saw(await exchange(http, 'GET', url('productOrder', { limit: '1' })));
    return true;
  });
  if (!reachable) {
    rec.skip(id('checks'), 'Every other Sonata ordering check', 'the API did not answer');
    return;
  }

  const hubId = await rec.run(id('hub-subscribe'), 'Subscribe to notifications (POST hub)', async () => {
    const body = { callback: run.listener.callbackUrl, query: `eventType=${sonataOrderEvents.join(',')}` };
    expectValid(spec, 'EventSubscriptionInput', body, "Tailgate's hub request");
    const answer = rec.saw(await exchange(http, 'POST', url('hub'), body));
    expectStatus(answer, 201);
    expectValid(spec, 'EventSubscription', answer.body, "The carrier's hub", answer);
    return String(asRecord(answer.body)?.id);
  });

  const externalIds = { minimum: `${run.runId}-min`, full: `${run.runId}-full` };
  const made: { minimum?: string; full?: string } = {};
  for (const which of ['minimum', 'full'] as const) {
    await rec.run(id(`create-${which}`), `Create with Tailgate's ${which} order`, async () => {
      const body = sonataProductOrder(sonataSample(partner, externalIds[which], which === 'full'), adapter);
      expectValid(spec, 'ProductOrder_Create', body, `Tailgate's ${which} order`);
      const answer = rec.saw(await exchange(http, 'POST', url('productOrder'), body));
      expectStatus(answer, 201);
      const created = asRecord(answer.body)?.id;
      if (typeof created !== 'string') throw new CheckFailed('the answer names no id', [], answer);
      made[which] = created;
      expectValid(spec, 'ProductOrder', answer.body, 'The created ProductOrder', answer);
    });
  }
  const created = [made.minimum, made.full].filter((x): x is string => !!x);
  const needs = (orderId: string | undefined, check: string, title: string, work: (o: string) => Promise<void>) =>
    orderId ? rec.run(id(check), title, () => work(orderId)) : rec.skip(id(check), title, 'nothing was created');

  await needs(made.minimum, 'get', 'Read one by id', async (orderId) => {
    const answer = rec.saw(await exchange(http, 'GET', url(`productOrder/${encodeURIComponent(orderId)}`)));
    expectStatus(answer, 200);
    expectValid(spec, 'ProductOrder', answer.body, 'The ProductOrder', answer);
    if (asRecord(answer.body)?.id !== orderId) throw new CheckFailed(`the answer is not ${orderId}`, [], answer);
  });

  await needs(made.full, 'list-filter', 'List by externalId', async (orderId) => {
    const answer = rec.saw(await exchange(http, 'GET', url('productOrder', { externalId: externalIds.full })));
    expectStatus(answer, 200);
    if (!Array.isArray(answer.body)) throw new CheckFailed('the answer is not a JSON array', [], answer);
    for (const [i, item] of answer.body.entries()) {
      expectValid(spec, 'ProductOrder_Find', item, `Item ${i} of the list`, answer);
      if (asRecord(item)?.externalId !== externalIds.full)
        throw new CheckFailed(`item ${i} does not match the filter`, [], answer);
    }
    if (!answer.body.some((item) => asRecord(item)?.id === orderId))
      throw new CheckFailed(`${orderId} is not listed`, [], answer);
  });

  await rec.run(id('unknown-id'), 'Read an id that does not exist (404)', async () => {
    const answer = rec.saw(await exchange(http, 'GET', url(`productOrder/tailgate-unknown-${run.runId}`)));
    expectStatus(answer, 404);
    errorBody(spec, 'Error404', answer);
  });

  await rec.run(id('missing-mandatory'), 'Create without productOrderItem, which MEF requires (400/422)', async () => {
    const { productOrderItem: _items, ...body } = sonataProductOrder(
      sonataSample(partner, `${run.runId}-bad`, false),
      adapter,
    );
    const answer = rec.saw(await exchange(http, 'POST', url('productOrder'), body));
    expectStatus(answer, 400, 422);
    errorBody(spec, answer.status === 400 ? 'Error400' : 'Error422', answer);
  });

  if (hubId === undefined || created.length === 0) {
    rec.skip(id('notifications'), 'Notifications received and valid', 'no hub was registered, or nothing created');
  } else {
    await rec.run(id('notifications'), 'Notifications received and valid', async () => {
      const ours = (received: ReceivedEvent[]) =>
        received.filter((e) => created.includes(String(asRecord(asRecord(e.body)?.event)?.id)));
      const got = ours(await run.listener.waitFor((e) => ours(e).length > 0, run.notificationWaitMs));
      if (got.length === 0)
        throw new CheckFailed(`no notification about what the run created within ${run.notificationWaitMs} ms`);
      for (const event of got) expectValid(events, 'ProductOrderEvent', event.body, `The event sent to ${event.path}`);
    });
  }

  await needs(made.full, 'note', "Add the buyer's note (PATCH)", async (orderId) => {
    const body = sonataNotePatch('Tailgate certification run: a note from the buyer', new Date());
    expectValid(spec, 'ProductOrder_Update', body, "Tailgate's note");
    const target = url(`productOrder/${encodeURIComponent(orderId)}`);
    const answer = rec.saw(await exchange(http, 'PATCH', target, body, 'application/json'));
    expectStatus(answer, 200);
    expectValid(spec, 'ProductOrder', answer.body, 'The ProductOrder', answer);
  });

  await needs(made.full, 'modify-delivery-date', 'Move the requested date (delivery date modification)', async (o) => {
    const sample = sonataSample(partner, externalIds.full, true);
    const later = { ...sample, requestedCompletionDate: sonataLaterDate(sample.requestedCompletionDate) };
    const [body] = sonataDeliveryDateModifications(later, o, adapter);
    expectValid(spec, 'MEFModifyProductOrderItemRequestedDeliveryDate_Create', body, "Tailgate's request");
    const answer = rec.saw(await exchange(http, 'POST', url('modifyProductOrderItemRequestedDeliveryDate'), body));
    expectStatus(answer, 201);
    expectValid(spec, 'MEFModifyProductOrderItemRequestedDeliveryDate', answer.body, "The carrier's answer", answer);
  });

  await needs(made.minimum, 'withdraw', 'Cancel an order (cancelProductOrder)', async (orderId) => {
    const body = sonataCancelProductOrder(orderId, 'Tailgate certification run: withdrawn by the run', adapter);
    expectValid(spec, 'CancelProductOrder_Create', body, "Tailgate's request");
    const answer = rec.saw(await exchange(http, 'POST', url('cancelProductOrder'), body));
    expectStatus(answer, 201);
    expectValid(spec, 'CancelProductOrder', answer.body, "The carrier's answer", answer);
  });

  if (hubId === undefined) rec.skip(id('hub-unsubscribe'), 'Unsubscribe (DELETE hub)', 'no hub was registered');
  else
    await rec.run(id('hub-unsubscribe'), 'Unsubscribe (DELETE hub)', async () => {
      const answer = rec.saw(await exchange(http, 'DELETE', url(`hub/${encodeURIComponent(hubId)}`)));
      expectStatus(answer, 204, 200);
    });
}

/**
 * The checks of a carrier's MEF LSO Sonata Product Offering Qualification (v7), as live qualification uses it:
 * Tailgate's question about its configured products at a sample site answered 201 with a POQ Tailgate can read (every
 * item answered), read back by id, an unknown id (404). Every payload both ways against MEF's official file.
 */
export async function checkSonataQualification(run: Omit<FamilyRun, 'listener'>, partner: Partner): Promise<void> {
  const { rec, http } = run;
  const spec = loadTmfSpec(sonataPoqSpecFile, bundledMefSpecsDir);
  const root = partner.adapter.qualificationBaseUrl ?? partner.adapter.baseUrl ?? '';
  const url = (path = '') => carrierUrl(root, `${SONATA_POQ_PATH}${path}`);
  const id = (name: string) => `sonata-poq.${name}`;
  const sample = sonataSample(partner, `${run.runId}-poq`, true);
  const products = Object.keys(partner.adapter.productSpecifications ?? {}).map((productCode) => ({
    productCode,
    bandwidthMbps: 100,
  }));

  const createdId = await rec.run(id('qualify'), "Qualify a site with Tailgate's question", async () => {
    const { body, asked } = sonataPoqRequest(sample.site as NormalisedAddress, products, partner.adapter);
    if (asked.length === 0) throw new CheckFailed('no product has a productConfiguration to ask with');
    expectValid(spec, 'ProductOfferingQualification_Create', body, "Tailgate's question");
    const answer = rec.saw(await exchange(http, 'POST', url(), body));
    expectStatus(answer, 201);
    expectValid(spec, 'ProductOfferingQualification', answer.body, "The carrier's qualification", answer);
    const read = readSonataAnswer(answer.body, asked, 'the answer');
    const unanswered = read.verdicts.filter((v) => !v.serviceable && v.reason === 'not answered');
    if (unanswered.length > 0)
      throw new CheckFailed(`items not answered: ${unanswered.map((v) => v.productCode).join(', ')}`, [], answer);
    return read.carrierQualificationId;
  });

  if (createdId === undefined) rec.skip(id('get'), 'Read a qualification by id', 'nothing was created');
  else
    await rec.run(id('get'), 'Read a qualification by id', async () => {
      const answer = rec.saw(await exchange(http, 'GET', url(`/${encodeURIComponent(createdId)}`)));
      expectStatus(answer, 200);
      expectValid(spec, 'ProductOfferingQualification', answer.body, "The carrier's qualification", answer);
    });

  await rec.run(id('unknown-id'), 'Read an id that does not exist (404)', async () => {
    const answer = rec.saw(await exchange(http, 'GET', url(`/tailgate-unknown-${run.runId}`)));
    expectStatus(answer, 404);
    errorBody(spec, 'Error404', answer);
  });
}
