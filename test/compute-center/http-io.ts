import { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, SimulatorError } from './errors';

/** A computed answer, serialised once so that a stored idempotent reply cannot change. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const MAX_BODY_BYTES = 1_000_000;

export function jsonReply(status: number, body: unknown): Reply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function problemReply(error: unknown): Reply {
  const problem =
    error instanceof SimulatorError
      ? error
      : new SimulatorError(500, 'Internal Server Error', String(error));
  const { status, title, message: detail, extra } = problem;
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }),
  };
}

export function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest('the body is not valid JSON');
  }
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new SimulatorError(413, 'Content Too Large', 'body over 1 MB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes unless the connection is already gone (the simulator went down, or the client left). */
export function writeReply(response: ServerResponse, reply: Reply): void {
  if (response.headersSent || !response.socket || response.socket.destroyed) return;
  response.writeHead(reply.status, reply.headers).end(reply.body);
}

export interface Route<Answer> {
  method: 'GET' | 'POST';
  pattern: RegExp;
  answer: Answer;
}

/** The route for this method and path, with the pattern's captures as params. */
export function findRoute<Answer>(
  routes: Route<Answer>[],
  method: string,
  path: string,
): { answer: Answer; params: string[] } | undefined {
  for (const route of routes) {
    const match = route.method === method ? route.pattern.exec(path) : null;
    if (match) return { answer: route.answer, params: match.slice(1) };
  }
  return undefined;
}

export function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    throw badRequest('the path is not valid percent-encoding');
  }
}
