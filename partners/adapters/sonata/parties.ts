import type { Partner } from '../../../openapi/partners.js';

/**
 * MEF's buyerId and sellerId query parameters, on every Sonata request when the partner's settings name them (MEF:
 * when the requester acts for more than one buyer, or the responder for more than one seller).
 */
export function sonataParties(adapter: Pick<Partner['adapter'], 'sonataParties'>): Record<string, string> {
  const { buyerId, sellerId } = adapter.sonataParties ?? {};
  return { ...(buyerId ? { buyerId } : {}), ...(sellerId ? { sellerId } : {}) };
}
