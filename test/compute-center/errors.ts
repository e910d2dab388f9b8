/** A refusal with an HTTP status: answered as problem+json over HTTP, thrown to in-process callers. */
export class SimulatorError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string) => new SimulatorError(400, 'Bad Request', detail);
export const notFound = (detail: string) => new SimulatorError(404, 'Not Found', detail);
export const conflict = (detail: string, extra?: Record<string, unknown>) =>
  new SimulatorError(409, 'Conflict', detail, extra);
export const unprocessable = (detail: string) =>
  new SimulatorError(422, 'Unprocessable Content', detail);
