export const openApiConfig = {
  openapi: '3.1.0',
  info: {
    title: 'Tailgate API',
    version: '0.1.0',
    description:
      'Off-net partner marketplace and SLA governance. Authenticate with `Authorization: Bearer <api key>`. ' +
      'Errors are RFC 9457 `application/problem+json`.',
  },
  security: [{ bearerAuth: [] }],
};
