/** The carrier refused the request (a 4xx other than 408/429): retrying the same request cannot help. */
export class PartnerRejectedError extends Error {
  override readonly name = 'PartnerRejectedError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The carrier could not be reached or failed (5xx, 408, 429, network error, timeout): worth retrying. */
export class PartnerUnavailableError extends Error {
  override readonly name = 'PartnerUnavailableError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
