import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorCode } from '../errors/error-codes';
import { PROBLEM_CONTENT_TYPE, problemBody } from '../errors/problem.exception';

type ServerSocket = Socket & { _httpMessage?: { headersSent?: boolean } | null };

/**
 * Answers a problem straight on the connection, then closes it: for a request Node's HTTP parser
 * refused, or one whose body did not arrive in time, where no Fastify reply can still be sent.
 * A connection whose answer has already begun is only closed.
 */
export function answerOnSocket(
  socket: Socket,
  code: ErrorCode,
  detail: string,
  headers: Readonly<Record<string, string>>,
): void {
  if (!socket.writable || (socket as ServerSocket)._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const problem = problemBody(code, detail);
  const body = JSON.stringify(problem);
  const lines = Object.entries({
    ...headers,
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  }).map(([name, value]) => `${name}: ${value}`);
  const head = `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n${lines.join('\r\n')}`;
  socket.end(`${head}\r\n\r\n${body}`, () => socket.destroy());
}

/** The problem for an error Node's HTTP server reports on a connection (`clientError`). */
export function clientErrorProblem(error: { code?: string }): { code: ErrorCode; detail: string } {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'REQUEST_TIMEOUT', detail: 'The request did not arrive in time' };
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'HEADERS_TOO_LARGE', detail: 'The request line and headers are too large' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { code: 'PAYLOAD_TOO_LARGE', detail: 'The chunk extensions are too large' };
    default:
      return {
        code: 'BAD_REQUEST',
        detail: 'The HTTP request is malformed (a URL must be percent-encoded)',
      };
  }
}
