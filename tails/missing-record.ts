/**
 * An order, ticket, partner or carrier request a workflow step names no longer exists: retrying cannot help (the
 * activity wrapper in workers/ makes it a non-retryable failure of this type).
 */
export class MissingRecordError extends Error {
  override readonly name = 'MissingRecordError';
  constructor(
    readonly type: 'OrderMissing' | 'TicketMissing' | 'PartnerMissing' | 'CarrierRequestMissing',
    message: string,
  ) {
    super(message);
  }
}
