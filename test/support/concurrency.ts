import type { ApiResponse, TestApp } from './test-app';

/** `n` requests started together (one event-loop turn) and awaited together. */
export function burst<T = any>(
  n: number,
  request: (client: number) => Promise<ApiResponse<T>>,
): Promise<ApiResponse<T>[]> {
  return Promise.all(Array.from({ length: n }, (_, client) => request(client)));
}

/** How many responses had each status, e.g. `{ 200: 1, 412: 29 }`. */
export function tally(responses: ApiResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1;
  return counts;
}

/** The indexes of the responses with this status. */
export function clientsWith(responses: ApiResponse[], status: number): number[] {
  return responses.flatMap((response, client) => (response.status === status ? [client] : []));
}

/** Every response is a problem+json of this status and code (a message names any that is not). */
export function expectProblems(responses: ApiResponse[], status: number, codes: string[]): void {
  const odd = responses
    .filter(
      (response) =>
        response.status !== status ||
        !(response.headers.get('content-type') ?? '').startsWith('application/problem+json') ||
        !codes.includes((response.body as { code?: string })?.code ?? ''),
    )
    .map((response) => `${response.status} ${response.text.slice(0, 200)}`);
  expect(odd).toEqual([]);
}

export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export interface RetryOutcome {
  /** Requests each client sent before its change landed. */
  attempts: number[];
  /** Final responses, one per client. */
  responses: ApiResponse[];
}

/**
 * Each client re-reads the record and applies its own change on top of what it read, sending the
 * version it read; on a 412 it starts again, until its change lands (or `maxAttempts` is spent).
 */
export async function retryUntilWon(
  t: TestApp,
  clients: number,
  options: {
    token: string;
    path: string;
    /** The body of client `client` given the record as it was read. */
    change: (record: any, client: number) => unknown;
    maxAttempts?: number;
  },
): Promise<RetryOutcome> {
  const maxAttempts = options.maxAttempts ?? clients * 4;
  const attempts = Array.from({ length: clients }, () => 0);
  const responses = await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (;;) {
        const read = await t.request('GET', options.path, { token: options.token });
        if (read.status !== 200) return read;
        attempts[client]++;
        const written = await t.request('PATCH', options.path, {
          token: options.token,
          headers: ifMatch(read.body.version),
          body: options.change(read.body, client),
        });
        if (written.status !== 412 || attempts[client] >= maxAttempts) return written;
      }
    }),
  );
  return { attempts, responses };
}
