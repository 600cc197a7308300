import type { ApiKeyRow } from '../../../db/repositories/api-keys.js';

export const toApiKey = (row: ApiKeyRow) => ({
  id: row.id,
  name: row.name,
  role: row.role,
  partnerId: row.partnerId,
  keyPrefix: row.keyPrefix,
  createdAt: row.createdAt,
  revokedAt: row.revokedAt,
});
