/**
 * An order, ticket or partner a workflow step names no longer exists: retrying cannot help (the activity wrapper in
 * workers/ makes it a non-retryable failure of this type).
 */
export class MissingRecordError extends Error {
  override readonly name = 'MissingRecordError';
  constructor(
    readonly type: 'OrderMissing' | 'TicketMissing' | 'PartnerMissing',
    message: string,
  ) {
    super(message);
  }
}
