/**
 * A desk request's identity: the API key that sent it and its Idempotency-Key. An order or ticket records the request
 * that created it (orders.request_key, tickets.request_key, unique), so a request retried after any failure creates
 * nothing twice.
 */
export const requestKeyOf = (apiKeyId: string, idempotencyKey: string) => `${apiKeyId}:${idempotencyKey}`;

/**
 * How long a request may hold its Idempotency-Key before it counts as abandoned (its process died): far longer than
 * placing an order or raising a ticket takes. Another request with the key may then take it over, and the reconciler
 * finishes or frees it.
 */
export const REQUEST_LEASE_MS = 15_000;

/**
 * A desk request as the code creating what it asks for sees it: its key (requestKeyOf), and whether its claim was
 * taken over from a run that died (which may have stored what it created). When not, this run is the key's first, or
 * the first since a failed run freed it: creating still checks the key (a unique column), but need not look it up
 * first.
 */
export type DeskRequest = { key: string; takenOver: boolean };
