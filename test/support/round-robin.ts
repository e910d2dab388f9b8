import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Response header naming the upstream (its index) that answered. */
export const SERVED_BY = 'x-served-by';

export interface RoundRobin {
  baseUrl: string;
  /** Requests forwarded to each upstream, in the order given. */
  counts: number[];
  close(): Promise<void>;
}

/**
 * A minimal load balancer: each request goes to the next upstream in turn, its method, path,
 * headers and body streamed through, and the upstream's status, headers and body streamed back.
 */
export async function startRoundRobin(upstreams: string[]): Promise<RoundRobin> {
  const counts = upstreams.map(() => 0);
  let next = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const index = next;
    next = (next + 1) % upstreams.length;
    counts[index] += 1;
    const target = new URL(incoming.url ?? '/', upstreams[index]);
    const forwarded = httpRequest(
      target,
      {
        method: incoming.method,
        headers: { ...incoming.headers, host: target.host },
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, {
          ...response.headers,
          [SERVED_BY]: String(index),
        });
        response.pipe(outgoing);
      },
    );
    forwarded.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end('upstream failed');
    });
    incoming.pipe(forwarded);
  });
  // Node's 5 s keep-alive races a client that reuses the socket as the server closes it (a test
  // process busy for a second, under load, sends into a closed socket: "other side closed"); a
  // balancer holds idle connections far longer than the tests' pauses.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
