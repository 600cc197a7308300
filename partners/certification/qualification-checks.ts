import type { Partner } from '../../openapi/partners.js';
import { carrierUrl } from '../adapters/http.js';
import {
  CARRIER_TMF679_PATH,
  carrierAnswerSchema,
  carrierQualificationRequest,
  readCarrierAnswer,
} from '../adapters/tmf679/ask.js';
import type { FamilyRun } from './family-checks.js';
import { asRecord, CheckFailed, exchange, expectErrorBody, expectStatus, expectValid } from './suite.js';
import { loadTmfSpec, tmf679v4SpecFile } from './tmf-spec.js';

const samplePostcodes: Record<string, string> = { GB: 'SW1A 1AA', US: '10001' };

/**
 * The checks of a carrier's TMF679 v4 API, as live qualification uses it: Tailgate's smallest request (a site and a
 * product), its fullest (a full address, a product and a bandwidth) and one for any product (a bandwidth only)
 * answered 201 with a ProductOfferingQualification Tailgate can read, each offer it makes readable in our terms; the
 * answer read back by id; an unknown id (404); an item without its mandatory id (400/422). Every payload both ways is
 * checked against the official file.
 */
export async function checkQualificationApi(run: Omit<FamilyRun, 'listener'>, partner: Partner): Promise<void> {
  const { rec, http } = run;
  const spec = loadTmfSpec(tmf679v4SpecFile);
  const url = (path = '') => carrierUrl(run.baseUrl, `${CARRIER_TMF679_PATH}${path}`);
  const id = (name: string) => `tmf679.${name}`;
  const { adapter } = partner;
  const productCode = Object.keys(adapter.productCodeMap)[0] ?? 'ETH-100';
  const site = {
    countryCode: partner.country === 'US' ? ('US' as const) : ('GB' as const),
    postcode: samplePostcodes[partner.country] ?? 'SW1A 1AA',
  };
  const requests = {
    minimum: carrierQualificationRequest(site, { productCode }, adapter),
    full: carrierQualificationRequest(
      {
        ...site,
        line1: '1 Certification Street',
        line2: 'Floor 2',
        city: partner.country === 'US' ? 'New York' : 'London',
      },
      { productCode, minBandwidthMbps: 100 },
      adapter,
    ),
    // As a desk asking by bandwidth alone: everything the carrier may offer must be something Tailgate can read.
    'any-product': carrierQualificationRequest(site, { minBandwidthMbps: 1 }, adapter),
  };

  let created: string | undefined;
  const titles = {
    minimum: "Qualify a site with Tailgate's minimum request",
    full: "Qualify a site with Tailgate's full request",
    'any-product': 'Qualify a site for any product (bandwidth only): every offer readable',
  };
  for (const which of ['minimum', 'full', 'any-product'] as const) {
    await rec.run(id(`qualify-${which}`), titles[which], async () => {
      const body = requests[which];
      expectValid(spec, 'ProductOfferingQualification_Create', body, `Tailgate's ${which} request`);
      const answer = rec.saw(await exchange(http, 'POST', url(), body));
      expectStatus(answer, 201, 200);
      expectValid(spec, 'ProductOfferingQualification', answer.body, "The carrier's qualification", answer);
      const read = carrierAnswerSchema.safeParse(answer.body);
      if (!read.success)
        throw new CheckFailed(`Tailgate cannot read the answer: ${read.error.message.slice(0, 300)}`, [], answer);
      const { unread } = readCarrierAnswer(read.data, adapter, new Date());
      if (unread.length > 0) throw new CheckFailed(`offers Tailgate cannot read: ${unread.join('; ')}`, [], answer);
      created ??= read.data.id;
    });
  }

  if (created === undefined) rec.skip(id('get'), 'Read a qualification by id', 'nothing was created');
  else {
    const qualificationId = created;
    await rec.run(id('get'), 'Read a qualification by id', async () => {
      const answer = rec.saw(await exchange(http, 'GET', url(`/${encodeURIComponent(qualificationId)}`)));
      expectStatus(answer, 200);
      expectValid(spec, 'ProductOfferingQualification', answer.body, "The carrier's qualification", answer);
      if (asRecord(answer.body)?.id !== qualificationId)
        throw new CheckFailed(`the answer is not ${qualificationId}`, [], answer);
    });
  }

  await rec.run(id('unknown-id'), 'Read an id that does not exist (404)', async () => {
    const answer = rec.saw(await exchange(http, 'GET', url(`/tailgate-unknown-${run.runId}`)));
    expectStatus(answer, 404);
    expectErrorBody(spec, 'Error', answer);
  });

  await rec.run(
    id('missing-mandatory'),
    'Qualify an item without its id, which the spec requires (400/422)',
    async () => {
      const { productOfferingQualificationItem: items, ...rest } = requests.minimum;
      const body = { ...rest, productOfferingQualificationItem: items.map(({ id: _id, ...item }) => item) };
      if (spec.validate('ProductOfferingQualification_Create', body).valid)
        throw new CheckFailed('the spec does not require an item id: the check cannot judge');
      const answer = rec.saw(await exchange(http, 'POST', url(), body));
      expectStatus(answer, 400, 422);
      expectErrorBody(spec, 'Error', answer);
    },
  );
}
