import { HttpError } from 'ra-core';
import { readSession, writeSession, type Session } from './session';

export const API_BASE = '/api/v1';

/** One entry of a problem's `errors[]`: a field path, the key of what is wrong, and its English. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
  /** The limits the message names (`min`, `max`). */
  params?: Record<string, string | number>;
}

/**
 * A field error as react-admin shows it at its input: the translation key, or, when the message
 * names values, the key and its values in the string form react-admin's ValidationError reads
 * (react-hook-form keeps only strings).
 */
function formError(error: FieldProblem): string {
  const message = fieldErrorKey(error);
  return error.params
    ? `@@react-admin@@${JSON.stringify({ message, args: error.params })}`
    : message;
}

/** An RFC 9457 problem+json body as the API sends it. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

/** The translation key of a field error: the UI shows its own words, never the API's English. */
export const fieldErrorKey = (error: FieldProblem) => `crm.fieldErrors.${error.code}`;

/** A problem's field errors as react-admin form errors: each field's first, as a translation key. */
export function formErrorsOf(problem: Problem): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const error of problem.errors ?? []) fields[error.field] ??= formError(error);
  return fields;
}

/**
 * A failed API call. Extends react-admin's HttpError so that forms show `body.errors` at the
 * fields they name and notifications show the message, all translated by `code` in the UI.
 */
export class ApiError extends HttpError {
  constructor(readonly problem: Problem) {
    const fields = formErrorsOf(problem);
    const hasFields = Object.keys(fields).length > 0;
    super(`crm.errors.${problem.code}`, problem.status, {
      ...problem,
      // react-admin shows `body.errors` at the form fields they name (server-side validation),
      // and the root one as a notification.
      errors: hasFields
        ? { ...fields, root: { serverError: `crm.errors.${problem.code}` } }
        : undefined,
    });
    // HttpError resets the prototype to its own: restore this subclass's so that `instanceof
    // ApiError` and `code` work.
    Object.setPrototypeOf(this, new.target.prototype);
  }

  get code(): string {
    return this.problem.code;
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | string[] | null | undefined>;
  body?: unknown;
  /** Sent as the record version in `If-Match`. */
  version?: number;
  /** `Idempotency-Key` for a creating POST; a fresh one per call unless given. */
  idempotencyKey?: string | false;
  headers?: Record<string, string>;
  /** Raw body (a CSV upload); sent as is with its own content type. */
  raw?: { body: BodyInit; contentType: string };
  signal?: AbortSignal;
}

export function buildQuery(query: RequestOptions['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((item) => params.append(key, item));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (body && typeof body.code === 'string')
      return {
        ...body,
        title: body.title ?? response.statusText,
        status: response.status,
      } as Problem;
  } catch {
    /* not JSON: a proxy's page, say */
  }
  return {
    title: response.statusText || 'Request failed',
    status: response.status,
    code: response.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'BAD_REQUEST',
    detail: text.slice(0, 200) || undefined,
  };
}

let refreshing: Promise<Session | null> | null = null;

/** Exchanges the refresh token for a new pair once, however many calls are waiting for it. */
export function refreshSession(): Promise<Session | null> {
  refreshing ??= doRefresh().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function doRefresh(): Promise<Session | null> {
  const stale = readSession();
  if (!stale) return null;
  const exchange = async (): Promise<Session | null> => {
    // Another tab may have rotated the pair while this one waited for the lock.
    const current = readSession();
    if (!current) return null;
    if (current.refreshToken !== stale.refreshToken) return current;
    const response = await fetch(`${API_BASE}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: current.refreshToken }),
    });
    if (!response.ok) {
      writeSession(null);
      return null;
    }
    const pair = (await response.json()) as {
      accessToken: string;
      refreshToken: string;
      expiresIn: number;
    };
    const next: Session = {
      ...current,
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      expiresAt: Date.now() + pair.expiresIn * 1000,
    };
    writeSession(next);
    return next;
  };
  // Refresh tokens are single use: tabs take turns so that two never spend the same one.
  return navigator.locks ? navigator.locks.request('park-crm.refresh', exchange) : exchange();
}

const EARLY_REFRESH_MS = 30_000;

async function accessToken(): Promise<string | null> {
  let session = readSession();
  if (session && session.expiresAt - EARLY_REFRESH_MS < Date.now())
    session = await refreshSession();
  return session?.accessToken ?? null;
}

async function send(method: string, path: string, options: RequestOptions, token: string | null) {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.version !== undefined) headers['if-match'] = `"${options.version}"`;
  if (method === 'POST' && options.idempotencyKey !== false)
    headers['idempotency-key'] = options.idempotencyKey ?? crypto.randomUUID();
  let body: BodyInit | undefined;
  if (options.raw) {
    body = options.raw.body;
    headers['content-type'] = options.raw.contentType;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  return fetch(`${API_BASE}${path}${buildQuery(options.query)}`, {
    method,
    headers,
    body,
    signal: options.signal,
  });
}

/** The raw response of an API call, refreshing the access token once on 401. */
export async function apiResponse(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Response> {
  const key =
    method === 'POST' && options.idempotencyKey === undefined
      ? crypto.randomUUID()
      : options.idempotencyKey;
  const withKey = { ...options, idempotencyKey: key };
  let response = await send(method, path, withKey, await accessToken());
  if (response.status === 401 && readSession()) {
    const session = await refreshSession();
    if (session) response = await send(method, path, withKey, session.accessToken);
  }
  if (!response.ok) throw new ApiError(await problemOf(response));
  return response;
}

/** An API call answering JSON (or nothing, for 204). Failures throw an ApiError. */
export async function api<T = unknown>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const response = await apiResponse(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Downloads a file answer (a CSV export) under the name the server gives. */
export async function download(path: string, options: RequestOptions = {}): Promise<void> {
  const response = await apiResponse('GET', path, options);
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1] ?? match[2]) : 'download';
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
