import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http2 from 'node:http2';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type TestPki = {
  caPem: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  remove(): void;
};

/**
 * A throwaway CA with a server certificate for localhost and 127.0.0.1 and a client certificate, made by the openssl
 * CLI in a temporary folder (deleted by `remove`).
 */
export function makeTestPki(): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-pki-'));
  const at = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl('req', '-x509', ...newKey, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=test-ca');
  // X.509 v3 certificates (the worker's TLS stack, rustls, refuses v1 ones).
  fs.writeFileSync(at('server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  fs.writeFileSync(at('client.ext'), 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n');
  for (const name of ['server', 'client']) {
    openssl('req', ...newKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    openssl(
      ...['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial'],
      ...['-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`],
    );
  }
  return {
    caPem: at('ca.pem'),
    serverCert: at('server.pem'),
    serverKey: at('server.key'),
    clientCert: at('client.pem'),
    clientKey: at('client.key'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Headers a hop handles itself (RFC 9113 §8.2.2), and the pseudo-headers the proxy sets anew. */
const HOP_HEADERS = new Set([':scheme', ':authority', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade']);
const forwardable = (headers: http2.IncomingHttpHeaders | http2.OutgoingHttpHeaders): http2.OutgoingHttpHeaders =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_HEADERS.has(name) && name !== ':status'));

/**
 * A TLS front for a plaintext gRPC server, as a production Temporal cluster has: it speaks HTTP/2 (ALPN h2), demands
 * a client certificate signed by the PKI's CA, and forwards each gRPC call to `target` (host:port), remembering the
 * `authorization` header each call came with (how a Temporal Cloud API key is sent).
 */
export async function startMutualTlsProxy(
  pki: TestPki,
  target: string,
): Promise<{
  address: string;
  accepted: () => number;
  /** The `authorization` header of every call forwarded so far, in order (undefined for a call without one). */
  authorizations: () => (string | undefined)[];
  close(): Promise<void>;
}> {
  let accepted = 0;
  const authorizations: (string | undefined)[] = [];
  const upstream = http2.connect(`http://${target}`);
  upstream.on('error', () => undefined);
  const server = http2.createSecureServer({
    key: fs.readFileSync(pki.serverKey),
    cert: fs.readFileSync(pki.serverCert),
    ca: fs.readFileSync(pki.caPem),
    requestCert: true,
    rejectUnauthorized: true,
  });
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('secureConnection', () => (accepted += 1));
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream, headers) => {
    authorizations.push(headers.authorization);
    const call = upstream.request(forwardable(headers));
    stream.pipe(call);
    let trailers: http2.OutgoingHttpHeaders = {};
    call.on('response', (responseHeaders) => {
      // A trailers-only answer (an error) carries its grpc-status in the headers and ends the stream with them.
      if (responseHeaders['grpc-status'] !== undefined) {
        stream.respond({ ...forwardable(responseHeaders), ':status': 200 }, { endStream: true });
        return;
      }
      stream.respond({ ...forwardable(responseHeaders), ':status': 200 }, { waitForTrailers: true });
      call.pipe(stream);
    });
    call.on('trailers', (received) => (trailers = forwardable(received)));
    stream.on('wantTrailers', () => stream.sendTrailers(trailers));
    for (const s of [stream, call]) s.on('error', () => undefined);
    stream.on('close', () => call.close());
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: proxyPort } = server.address() as net.AddressInfo;
  return {
    address: `127.0.0.1:${proxyPort}`,
    accepted: () => accepted,
    authorizations: () => [...authorizations],
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.destroy();
        upstream.destroy();
        server.close(() => resolve());
      }),
  };
}
