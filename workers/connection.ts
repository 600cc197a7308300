import fs from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { PLAINTEXT, type TemporalSecurity } from './config.js';

/** Names of the settings each file came from, so a file that cannot be read is reported by its setting. */
const settingOf = {
  clientCertPath: 'TEMPORAL_TLS_CERT',
  clientKeyPath: 'TEMPORAL_TLS_KEY',
  serverCaPath: 'TEMPORAL_TLS_CA',
} as const;

function readPem(field: keyof typeof settingOf, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new Error(`${settingOf[field]}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
}

/**
 * The options both Temporal connections take (the client's Connection and the worker's NativeConnection): the
 * address, TLS with the PEM files read now, and the API key. With an API key and no TLS, the connection is
 * plaintext: only for a local server that ignores the key.
 */
export function temporalConnectionOptions(
  address: string,
  security: TemporalSecurity = PLAINTEXT,
): { address: string; tls: TLSConfig | false; apiKey?: string } {
  const apiKey = security.apiKey ? { apiKey: security.apiKey } : {};
  if (security.tls === false) return { address, tls: false, ...apiKey };
  const { clientCertPath, clientKeyPath, serverCaPath, serverName } = security.tls;
  const tls: TLSConfig = {};
  if (clientCertPath && clientKeyPath) {
    tls.clientCertPair = {
      crt: readPem('clientCertPath', clientCertPath),
      key: readPem('clientKeyPath', clientKeyPath),
    };
  }
  if (serverCaPath) tls.serverRootCACertificate = readPem('serverCaPath', serverCaPath);
  if (serverName) tls.serverNameOverride = serverName;
  return { address, tls, ...apiKey };
}
