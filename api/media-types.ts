/** The media type of a Content-Type header, lower-cased, without parameters (`; charset=utf-8`); '' when absent. */
export const mediaTypeOf = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/** `application/json` or any `application/…+json`, with or without parameters (`; charset=utf-8`). */
export const isJsonMediaType = (contentType: string | undefined): boolean =>
  /^application\/([\w.-]+\+)?json$/.test(mediaTypeOf(contentType));

export const isFormMediaType = (contentType: string | undefined): boolean =>
  ['application/x-www-form-urlencoded', 'multipart/form-data'].includes(mediaTypeOf(contentType));

/** Coverage files: streamed by their route under a cap of their own (api/routes/coverage/csv-upload.ts). */
export const isCsvMediaType = (contentType: string | undefined): boolean =>
  ['text/csv', 'application/csv', 'text/plain'].includes(mediaTypeOf(contentType));
