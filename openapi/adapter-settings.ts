import { z } from '@hono/zod-openapi';
import { orderStates } from '../sla-rules/order-states.js';
import { ticketStatuses } from '../sla-rules/ticket-states.js';
import { SonataBuyerContactSchema, SonataOrderItemsSchema, SonataPartiesSchema } from './sonata-settings.js';
import { ticketSeverities, type TicketSeverity } from './tickets.js';

/** How Tailgate speaks with one carrier: its APIs, where, its credentials, and its vocabulary. */
export const authSchemes = ['authorization', 'basic', 'header'] as const;
export const addressFormats = ['lines', 'streetNumberSplit'] as const;
export const qualificationApis = ['tmf679-v4', 'sonata-poq-v7', 'none'] as const;
export type AddressFormat = (typeof addressFormats)[number];
const carrierValue = z.string().min(1).max(100);
export type AuthScheme = (typeof authSchemes)[number];
/** Headers a carrier's credentials may not go in: HTTP's own, and those Tailgate sets on every call. */
const reservedHeaders = new Set([
  'host',
  'content-type',
  'content-length',
  'accept',
  'connection',
  'transfer-encoding',
]);

/** Top-level ProductOrder fields Tailgate writes itself: custom fields may not replace them. */
const tailgateOrderFields = [
  'id',
  'href',
  '@type',
  'externalId',
  'description',
  'requestedCompletionDate',
  'note',
  'relatedParty',
  'productOrderItem',
  'relatedContactInformation',
  'orderRelationship',
  'state',
];

export const AdapterSettingsSchema = z
  .object({
    orderingApi: z.enum(['tmf622-v4', 'tmf622-v5', 'sonata-v10', 'none']).openapi({
      description:
        '`none`: the carrier has no API and pulls/patches its orders from our TMF622 server. `sonata-v10`: MEF LSO ' +
        'Sonata Product Ordering v10 at baseUrl (the Sonata root, e.g. `https://seller.example/mefApi/sonata`): ' +
        'orders are created, followed (its thin notifications at our Sonata listener, or polled) and cancelled, ' +
        "and the seller's charges answered (each product needs orderItems or a productConfiguration in " +
        'productSpecifications, ' +
        'and buyerContact is required); amendments and notes are sent too (see amendments)',
    }),
    troubleTicketApi: z
      .enum(['tmf621-v4', 'tmf621-v5', 'sonata-v4', 'none'])
      .default('none')
      .openapi({
        description:
          '`none`: the carrier pulls/patches its tickets from our TMF621 server. `sonata-v4`: MEF LSO Sonata ' +
          'Trouble Ticket v4 (MEF 113) under baseUrl (the Sonata root): tickets are raised on the delivered ' +
          "circuit (the carrier's product id, else its order), followed by its thin notifications at our Sonata " +
          "listener or polled, and closed, reopened or cancelled through MEF's task operations; `reopened` and " +
          '`assessingCancellation` read as inProgress',
      }),
    qualificationApi: z
      .enum(qualificationApis)
      .optional()
      .openapi({
        description:
          '`tmf679-v4`: qualifications also ask the carrier in real time (its TMF679 productOfferingQualification at ' +
          'baseUrl), within the live qualification deadline; its answer replaces its coverage offers for that site, ' +
          'and when it does not answer in time its coverage offers stand. `sonata-poq-v7`: the same through MEF LSO ' +
          "Sonata's Product Offering Qualification (v7, at qualificationBaseUrl), asking about the products its " +
          'coverage prices at the site (each needs a productSpecifications entry with a productConfiguration); its ' +
          'serviceability confidence and installation interval replace theirs, red removes them. Absent or `none`: ' +
          'coverage only',
      }),
    addressValidationApi: z
      .enum(['sonata-gav-v7', 'none'])
      .optional()
      .openapi({
        description:
          "`sonata-gav-v7`: a Sonata order's and qualification's site is first validated at the seller (MEF LSO " +
          'Sonata Geographic Address Validation v7, under baseUrl, else qualificationBaseUrl), and sent as a ' +
          "GeographicAddressRef to the seller's best match; a site the seller finds no best match for goes by value",
      }),
    qualificationBaseUrl: z.url().optional().openapi({
      description:
        "Where the carrier's qualification API lives when not at baseUrl, e.g. `https://api.carrier.example/mefApi/sonata`",
    }),
    buyerContact: SonataBuyerContactSchema.optional(),
    sonataParties: SonataPartiesSchema.optional(),
    notifications: z.enum(['hub', 'poll']).default('hub').openapi({
      description: '`hub`: we register our listener at the carrier; `poll`: the carrier sends no events, we poll it',
    }),
    pollIntervalSeconds: z.number().int().min(5).max(86_400).default(300),
    amendments: z
      .enum(['patch', 'modificationOrder'])
      .optional()
      .openapi({
        description:
          'How order amendments reach the carrier: `patch` (a merge patch of its ProductOrder) or ' +
          '`modificationOrder` (a new ProductOrder amending it). Default: patch for tmf622-v5, a modification ' +
          "order for tmf622-v4. Not read for sonata-v10: a new requested date goes through the seller's delivery " +
          'date modification task, a new site contact by PATCH, and a new bandwidth is refused (Sonata cannot change ' +
          'the product of an order in flight)',
      }),
    baseUrl: z.url().optional().openapi({ example: 'https://api.carrier.example/tmf-api' }),
    credentialsRef: z
      .string()
      .max(200)
      .optional()
      .openapi({ description: 'Name of the secret holding the credentials (never the secret itself)' }),
    authScheme: z
      .enum(authSchemes)
      .optional()
      .openapi({
        description:
          'How the secret named by credentialsRef is sent. `authorization` (default): as the Authorization header, a ' +
          'bare token as `Bearer <token>`; `basic`: the secret is `user:password`, sent as HTTP Basic; `header`: the ' +
          'secret as it is, in the header authHeaderName names (an API-key header)',
      }),
    authHeaderName: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name: letters, digits and -')
      .refine((name) => !reservedHeaders.has(name.toLowerCase()), 'a header HTTP itself or Tailgate sets')
      .optional()
      .openapi({ description: 'The header the secret goes in with authScheme `header`', example: 'X-API-Key' }),
    stateMap: z
      .object({
        order: z.record(z.string(), z.enum(orderStates)).default({}),
        ticket: z.record(z.string(), z.enum(ticketStatuses)).default({}),
      })
      .optional()
      .openapi({
        description:
          "The carrier's own state values and the TMF622 state or TMF621 status each means, e.g. " +
          '`{"order": {"provisioning": "inProgress"}}`; read before the TMF values themselves. A value neither names ' +
          'is refused with an error naming this setting.',
      }),
    customFields: z
      .object({
        order: z
          .record(z.string(), z.union([z.string().max(500), z.number(), z.boolean()]))
          .default({})
          .refine((fields) => !Object.keys(fields).some((k) => tailgateOrderFields.includes(k)), {
            message: `may not set a field Tailgate writes (${tailgateOrderFields.join(', ')})`,
          })
          .openapi({ description: 'Fixed top-level ProductOrder fields, e.g. `{"category": "wholesale"}`' }),
        orderDefaults: z
          .record(z.string(), z.union([z.string().max(500), z.number(), z.boolean()]))
          .default({})
          .refine((fields) => !Object.keys(fields).some((k) => tailgateOrderFields.includes(k)), {
            message: `may not set a field Tailgate writes (${tailgateOrderFields.join(', ')})`,
          })
          .openapi({
            description:
              'Top-level ProductOrder fields the desk may set per order (`carrierFields` on POST /api/v1/orders), ' +
              'each with the value sent when the order sets none, e.g. `{"priority": "standard"}`',
          }),
        productCharacteristics: z
          .array(
            z.object({
              name: z.string().min(1).max(100),
              value: z.union([z.string().max(500), z.number(), z.boolean()]),
            }),
          )
          .max(50)
          .default([])
          .openapi({ description: "Fixed characteristics added to the order item's product, after the bandwidth" }),
      })
      .refine((c) => !Object.keys(c.orderDefaults).some((name) => Object.hasOwn(c.order, name)), {
        message: 'a field is either fixed (order) or set per order (orderDefaults), not both',
        path: ['orderDefaults'],
      })
      .optional()
      .openapi({ description: 'Fields the carrier needs on every order that Tailgate has no value of its own for' }),
    productSpecifications: z
      .record(
        z.string(),
        z.object({
          id: z.string().min(1).max(100),
          name: z.string().min(1).max(200).optional(),
          version: z.string().min(1).max(50).optional(),
          characteristics: z
            .array(
              z.object({
                name: z.string().min(1).max(100),
                value: z.union([z.string().max(500), z.number(), z.boolean()]),
              }),
            )
            .max(50)
            .default([]),
          productConfiguration: z
            .record(z.string(), z.unknown())
            .refine((c) => typeof c['@type'] === 'string' && c['@type'] !== '', 'needs its product schema as @type')
            .optional()
            .openapi({
              description:
                'MEF LSO Sonata: the productConfiguration sent for this product, its `@type` the product schema (e.g. ' +
                '`urn:mef:lso:spec:sonata:access-eline-ovc:v5.0.0:all`); every string value `{{bandwidthMbps}}` is ' +
                "replaced by the offer's bandwidth as a number",
            }),
          orderItems: SonataOrderItemsSchema.optional().openapi({
            description:
              'MEF LSO Sonata: the order items one tail of this product is ordered as, e.g. an Access E-Line OVC ' +
              'and the operator UNI it connects to (MEF 106 use case 5); absent, one item with productConfiguration',
          }),
        }),
      )
      .optional()
      .openapi({
        description:
          "Our product code -> the carrier's product specification (sent as the order item's " +
          '`product.productSpecification`) and the characteristics that product needs, sent after the bandwidth and ' +
          'before customFields.productCharacteristics, e.g. `{"ETH-100": {"id": "SPEC-EPL", "characteristics": ' +
          '[{"name": "serviceType", "value": "EPL"}]}}`',
      }),
    addressFormat: z
      .enum(addressFormats)
      .optional()
      .openapi({
        description:
          'How the site address is written: `lines` (default): streetName is the first address line, locality the ' +
          'second; `streetNumberSplit`: a leading house number of the first line (`10`, `10A`, `10-12`) goes in ' +
          'streetNr and the rest in streetName',
      }),
    valueMaps: z
      .object({
        ticketSeverity: z
          .object(
            Object.fromEntries(ticketSeverities.map((s) => [s, carrierValue])) as Record<
              TicketSeverity,
              typeof carrierValue
            >,
          )
          .strict()
          .optional()
          .openapi({ description: "Our severity -> the carrier's value; every severity must be named" }),
        ticketPriority: z
          .object({ '1': carrierValue, '2': carrierValue, '3': carrierValue, '4': carrierValue })
          .strict()
          .optional()
          .openapi({ description: "Our priority (1 highest) -> the carrier's value; every priority must be named" }),
      })
      .optional()
      .openapi({
        description:
          "The carrier's values for fields Tailgate writes, replacing TMF621's example labels (severity Critical, " +
          'Major, Minor; priority Critical, High, Medium, Low). A map names every one of our values, so no ticket ' +
          'can meet a value the carrier has no word for',
      }),
    productCodeMap: z
      .record(z.string(), z.string())
      .default({})
      .openapi({ description: "Our product code -> the carrier's product offering id" }),
    bandwidthCharacteristic: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: "The carrier's characteristic name for bandwidth (default bandwidthMbps)" }),
    buyerAccountId: z.string().min(1).max(100).optional().openapi({
      description:
        'The id the carrier knows us by (its account number for us), sent as our party id in orders and tickets (default tailgate)',
    }),
    buyerRole: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: "The carrier's party role for us (default Buyer)" }),
    contactRole: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: "The carrier's party role for the site contact (default Contact)" }),
  })
  .refine((a) => a.orderingApi === 'none' || !!a.baseUrl, {
    message: 'baseUrl is required when the carrier has an API',
    path: ['baseUrl'],
  })
  .refine((a) => (a.qualificationApi ?? 'none') === 'none' || !!(a.qualificationBaseUrl ?? a.baseUrl), {
    message: 'baseUrl (or qualificationBaseUrl) is required when the carrier has a qualification API',
    path: ['baseUrl'],
  })
  .refine((a) => (a.qualificationApi !== 'sonata-poq-v7' && a.orderingApi !== 'sonata-v10') || !!a.buyerContact, {
    message: 'a Sonata qualification API needs buyerContact (Sonata requires relatedContactInformation)',
    path: ['buyerContact'],
  })
  .refine((a) => (a.authScheme === 'header') === (a.authHeaderName !== undefined), {
    message: 'authHeaderName goes with authScheme header, and only with it',
    path: ['authHeaderName'],
  })
  .openapi('AdapterSettings');
