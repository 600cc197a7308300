import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where a run's listener listens, and the URL the carrier is given for it (when it differs: a proxy, a tunnel). */
export type ListenerSettings = { host: string; port: number; publicUrl?: string | undefined };

export type ReceivedEvent = { path: string; body: unknown };

/** The most a notification may weigh; a carrier's event is a few kilobytes. */
const MAX_EVENT_BYTES = 1024 * 1024;

/**
 * A listener of the run's own, for the carrier's notifications to the hub the run registers (TMF630: events are
 * POSTed to `<callback>/listener/<eventType>`). It records every event it is sent and answers 201.
 */
export async function startCertificationListener(settings: ListenerSettings) {
  const received: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_EVENT_BYTES) {
        res.writeHead(413).end();
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (req.method !== 'POST') return res.writeHead(405).end();
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = Buffer.concat(chunks).toString('utf8');
      }
      received.push({ path: req.url ?? '/', body });
      for (const wake of waiters) wake();
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const callbackUrl = settings.publicUrl ?? `http://${settings.host}:${port}/certification`;
  return {
    callbackUrl,
    received,
    /** Resolves with the events received so far once `enough` says they suffice, or at `deadlineMs` with what came. */
    waitFor(enough: (events: ReceivedEvent[]) => boolean, deadlineMs: number): Promise<ReceivedEvent[]> {
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
          resolve([...received]);
        };
        const check = () => {
          if (enough(received)) done();
        };
        const timer = setTimeout(done, deadlineMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type CertificationListener = Awaited<ReturnType<typeof startCertificationListener>>;
