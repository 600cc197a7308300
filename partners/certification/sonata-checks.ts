import type { NormalisedAddress } from '../../openapi/address.js';
import type { Partner } from '../../openapi/partners.js';
import { carrierUrl } from '../adapters/http.js';
import { SONATA_GAV_PATH, sonataAddressValidationRequest } from '../adapters/sonata/address-validation.js';
import { sonataDeliveryDateModifications } from '../adapters/sonata/amend.js';
import { sonataNotePatch } from '../adapters/sonata/notes.js';
import { sonataCancelProductOrder, sonataProductOrder } from '../adapters/sonata/order-write.js';
import { sonataParties } from '../adapters/sonata/parties.js';
import { SONATA_ORDERING_PATH, sonataOrderEvents } from '../adapters/sonata/ordering-client.js';
import { readSonataAnswer, SONATA_POQ_PATH, sonataPoqRequest } from '../adapters/sonata/poq.js';
import { sampleOrder } from './families.js';
import type { FamilyRun } from './family-checks.js';
import {
  checkGet,
  checkListByExternalId,
  checkMissingMandatory,
  checkNote,
  checkNotifications,
  checkUnknownId,
  checkUnsubscribe,
  createBoth,
  needs,
  reachAndSubscribe,
  sonataUrl,
  type SonataApiRun,
} from './sonata-check-kit.js';
import { asRecord, CheckFailed, exchange, expectErrorBody, expectStatus, expectValid } from './suite.js';
import {
  bundledMefSpecsDir,
  loadTmfSpec,
  sonataOrderingSpecFile,
  sonataOrderNotificationSpecFile,
  sonataAddressSpecFile,
  sonataPoqSpecFile,
} from './tmf-spec.js';

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

/**
 * The conformance checks of a carrier's MEF LSO Sonata Product Ordering API (v10), as the TMF families' are run:
 * reachable, hub subscribed, created with Tailgate's smallest and fullest orders, read, listed by externalId, an
 * unknown id (404), a create without productOrderItem (400/422), notifications received and valid per MEF's
 * notification file, a buyer's note, a delivery date modification, cancelled, hub unsubscribed. Every payload both
 * ways is checked against MEF's official files.
 */
export async function checkSonataOrdering(run: FamilyRun, partner: Partner): Promise<void> {
  const { adapter } = partner;
  const api: SonataApiRun = {
    ...run,
    spec: loadTmfSpec(sonataOrderingSpecFile, bundledMefSpecsDir),
    path: SONATA_ORDERING_PATH,
    prefix: 'sonata',
    resource: 'productOrder',
    title: 'Sonata ordering',
    parties: sonataParties(adapter),
  };
  const hubId = await reachAndSubscribe(api, sonataOrderEvents);
  if (hubId === false) return;
  const externalIds = { minimum: `${run.runId}-min`, full: `${run.runId}-full` };
  const made = await createBoth(api, { create: 'ProductOrder_Create', resource: 'ProductOrder' }, 'order', (which) =>
    sonataProductOrder(sonataSample(partner, externalIds[which], which === 'full'), adapter),
  );
  await checkGet(api, made.minimum, 'ProductOrder');
  await checkListByExternalId(api, made.full, externalIds.full, 'ProductOrder_Find');
  await checkUnknownId(api);
  const { productOrderItem: _items, ...itemless } = sonataProductOrder(
    sonataSample(partner, `${run.runId}-bad`, false),
    adapter,
  );
  await checkMissingMandatory(api, 'productOrderItem', itemless);
  const created = [made.minimum, made.full].filter((x): x is string => !!x);
  const events = loadTmfSpec(sonataOrderNotificationSpecFile, bundledMefSpecsDir);
  await checkNotifications(api, hubId, created, events, 'ProductOrderEvent');
  const note = sonataNotePatch('Tailgate certification run: a note from the buyer', new Date());
  await checkNote(api, made.full, note, ['ProductOrder_Update', 'ProductOrder']);

  const { rec, http, spec } = api;
  await needs(
    api,
    made.full,
    'modify-delivery-date',
    'Move the requested date (delivery date modification)',
    async (o) => {
      const sample = sonataSample(partner, externalIds.full, true);
      const later = { ...sample, requestedCompletionDate: sonataLaterDate(sample.requestedCompletionDate) };
      const [body] = sonataDeliveryDateModifications(later, o, adapter);
      expectValid(spec, 'MEFModifyProductOrderItemRequestedDeliveryDate_Create', body, "Tailgate's request");
      const target = sonataUrl(api, 'modifyProductOrderItemRequestedDeliveryDate');
      const answer = rec.saw(await exchange(http, 'POST', target, body));
      expectStatus(answer, 201);
      expectValid(spec, 'MEFModifyProductOrderItemRequestedDeliveryDate', answer.body, "The carrier's answer", answer);
    },
  );

  await needs(api, made.minimum, 'withdraw', 'Cancel an order (cancelProductOrder)', async (orderId) => {
    const body = sonataCancelProductOrder(orderId, 'Tailgate certification run: withdrawn by the run', adapter);
    expectValid(spec, 'CancelProductOrder_Create', body, "Tailgate's request");
    const answer = rec.saw(await exchange(http, 'POST', sonataUrl(api, 'cancelProductOrder'), body));
    expectStatus(answer, 201);
    expectValid(spec, 'CancelProductOrder', answer.body, "The carrier's answer", answer);
  });
  await checkUnsubscribe(api, hubId);
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
  const url = (path = '') => carrierUrl(root, `${SONATA_POQ_PATH}${path}`, sonataParties(partner.adapter));
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
    expectErrorBody(spec, 'Error404', answer);
  });
}

/**
 * The checks of a carrier's MEF LSO Sonata Geographic Address Validation (v7), as orders and qualifications use it:
 * Tailgate's sample site validated (200) with a best match Tailgate can refer to, that address read back by id, an
 * unknown id (404). Every payload both ways against MEF's official file.
 */
export async function checkSonataAddressValidation(run: Omit<FamilyRun, 'listener'>, partner: Partner): Promise<void> {
  const { rec, http } = run;
  const spec = loadTmfSpec(sonataAddressSpecFile, bundledMefSpecsDir);
  const root = partner.adapter.baseUrl ?? partner.adapter.qualificationBaseUrl ?? '';
  const url = (path: string) => carrierUrl(root, `${SONATA_GAV_PATH}/${path}`, sonataParties(partner.adapter));
  const id = (name: string) => `sonata-gav.${name}`;
  const site = sonataSample(partner, `${run.runId}-gav`, true).site as NormalisedAddress;

  const addressId = await rec.run(id('validate'), "Validate Tailgate's sample site", async () => {
    const body = sonataAddressValidationRequest(site, partner.adapter);
    expectValid(spec, 'GeographicAddressValidation_Create', body, "Tailgate's request");
    const answer = rec.saw(await exchange(http, 'POST', url('geographicAddressValidation'), body));
    expectStatus(answer, 200);
    expectValid(spec, 'GeographicAddressValidation', answer.body, "The carrier's validation", answer);
    const best = asRecord(asRecord(answer.body)?.bestMatchGeographicAddress)?.id;
    if (asRecord(answer.body)?.validationResult !== 'success' || typeof best !== 'string')
      throw new CheckFailed('no best match with an id for a real address: orders would send it by value', [], answer);
    return best;
  });
  if (addressId === undefined) rec.skip(id('get'), 'Read the best match by id', 'nothing was validated');
  else
    await rec.run(id('get'), 'Read the best match by id', async () => {
      const answer = rec.saw(await exchange(http, 'GET', url(`geographicAddress/${encodeURIComponent(addressId)}`)));
      expectStatus(answer, 200);
      expectValid(spec, 'GeographicAddress', answer.body, "The carrier's address", answer);
    });
  await rec.run(id('unknown-id'), 'Read an id that does not exist (404)', async () => {
    const answer = rec.saw(await exchange(http, 'GET', url(`geographicAddress/tailgate-unknown-${run.runId}`)));
    expectStatus(answer, 404);
    expectErrorBody(spec, 'Error404', answer);
  });
}
