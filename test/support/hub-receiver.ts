import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedNotification = {
  /** Request path below the receiver's root, e.g. /listener/productOrderStateChangeEvent. */
  path: string;
  headers: IncomingHttpHeaders;
  // TMF event bodies are checked against the spec in the tests, not typed here.
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
};

/**
 * A stand-in for our TMF listener: a plain node:http server on a free port that records every POST and answers
 * 201, or 500 for the next `failNext` requests (to exercise the carrier's retries).
 */
export async function startHubReceiver() {
  const received: ReceivedNotification[] = [];
  let failNext = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(500).end();
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : undefined });
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    failNextRequests(n: number) {
      failNext = n;
    },
    /**
     * Notifications about one carrier order, in arrival order (v5 InformationRequired carries only a ref; it has an id
     * too).
     */
    forOrder: (orderId: string) => received.filter((r) => r.body?.event?.productOrder?.id === orderId),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
export type HubReceiver = Awaited<ReturnType<typeof startHubReceiver>>;
