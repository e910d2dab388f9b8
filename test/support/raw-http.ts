import { connect, Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the first byte sent to the whole answer read. */
  ms: number;
}

/** A request's head (request line and headers, ending with the blank line). */
export function requestHead(
  method: string,
  path: string,
  headers: Record<string, string | number> = {},
): string {
  const lines = Object.entries({ host: 'localhost', ...headers }).map(
    ([name, value]) => `${name}: ${value}`,
  );
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

function parseAnswer(
  raw: Buffer,
): { answer: Omit<RawAnswer, 'ms'>; complete: boolean } | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.subarray(end + 4);
  const length = Number(headers['content-length'] ?? NaN);
  return {
    answer: { status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') },
    complete: Number.isFinite(length) && body.length >= length,
  };
}

/**
 * Writes `head` and `body` on a raw connection, never the rest of a body the head announced, and
 * resolves with the answer once it is read whole (or the server closes), or with undefined when no
 * answer came within `waitMs`. `more` sends further parts of the body at given delays.
 */
export function rawRequest(
  baseUrl: string,
  head: string,
  body: string | Buffer = '',
  options: { waitMs?: number; more?: { afterMs: number; data: string | Buffer }[] } = {},
): Promise<RawAnswer | undefined> {
  const { hostname, port } = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve) => {
    const socket: Socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    const timers: NodeJS.Timeout[] = [];
    const finish = (answer: RawAnswer | undefined) => {
      timers.forEach(clearTimeout);
      socket.destroy();
      resolve(answer);
    };
    const settle = (closed: boolean) => {
      const parsed = parseAnswer(received);
      if (parsed && (parsed.complete || closed)) {
        finish({ ...parsed.answer, ms: Date.now() - started });
      } else if (closed) finish(undefined);
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      settle(false);
    });
    socket.on('close', () => settle(true));
    socket.on('error', () => settle(true));
    socket.on('connect', () => {
      socket.write(head);
      if (body.length > 0) socket.write(body);
      for (const part of options.more ?? [])
        timers.push(setTimeout(() => socket.writable && socket.write(part.data), part.afterMs));
    });
    timers.push(setTimeout(() => finish(undefined), options.waitMs ?? 5_000));
  });
}

/**
 * Milliseconds until the server closes a connection on which `sent` (perhaps nothing) is all that
 * is sent; undefined when it is still open after `waitMs`.
 */
export function connectionLifetime(
  baseUrl: string,
  sent: string | Buffer,
  waitMs: number,
): Promise<number | undefined> {
  const { hostname, port } = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      if (sent.length > 0) socket.write(sent);
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(undefined);
    }, waitMs);
    socket.on('error', () => undefined);
    // Read what the server may write before it closes (a 408): an unread socket never sees the end.
    socket.on('data', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
  });
}
