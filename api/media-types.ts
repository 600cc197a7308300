/** `application/json` or any `application/…+json`, with or without parameters (`; charset=utf-8`). */
export const isJsonMediaType = (contentType: string | undefined): boolean =>
  /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType ?? '');
