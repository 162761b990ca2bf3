import { type z } from 'zod';
import { ZErrorResponse, ZValidationDetails } from '@shared/contracts/common';
import type { ErrorCode } from '@shared/errors';

/** Codes the client invents when the server could not answer in its own words. */
export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'UNEXPECTED_RESPONSE'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type AnyErrorCode = ErrorCode | ClientErrorCode;

export type FieldIssue = z.infer<typeof ZValidationDetails>['issues'][number];

export class ApiError extends Error {
  readonly code: AnyErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: AnyErrorCode, status: number, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }

  /** Field issues in `details` (VALIDATION_FAILED, and e.g. EMAIL_TAKEN which names its field too). */
  get issues(): FieldIssue[] {
    const parsed = ZValidationDetails.safeParse(this.details);
    return parsed.success ? parsed.data.issues : [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type Query = Record<string, string | number | undefined | null>;

interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Extra request headers, e.g. the `Idempotency-Key` of a checkout. */
  headers?: Record<string, string>;
}

/** A file sent as the raw request body (not JSON, not multipart), with its own Content-Type. */
interface RawBody {
  data: Blob;
  contentType: string;
}

/** Listeners told about every UNAUTHENTICATED answer (the session expired or was ended elsewhere). */
const unauthenticatedListeners = new Set<(error: ApiError) => void>();
export function onUnauthenticated(listener: (error: ApiError) => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function send(method: string, path: string, options: RequestOptions, raw?: RawBody): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  if (raw) headers['Content-Type'] = raw.contentType;
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: raw ? raw.data : options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('NETWORK_ERROR', 0, 'Network request failed', { cause: String(cause) });
  }
  if (response.ok) return response;

  const body = await readJson(response);
  const parsed = ZErrorResponse.safeParse(body);
  let error: ApiError;
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    error = new ApiError(code, response.status, message, details);
  } else if (response.status >= 500 || response.status === 0) {
    // A proxy or gateway answered (the API is down or restarting): no error body of ours.
    error = new ApiError('NETWORK_ERROR', response.status, `HTTP ${response.status}`);
  } else {
    error = new ApiError('UNEXPECTED_RESPONSE', response.status, `HTTP ${response.status}`, body);
  }
  if (error.code === 'UNAUTHENTICATED') unauthenticatedListeners.forEach((listener) => listener(error));
  throw error;
}

async function parseAnswer<S extends z.ZodType>(
  method: string,
  path: string,
  schema: S,
  response: Response,
): Promise<z.infer<S>> {
  const body = await readJson(response);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    console.error(`Response of ${method} ${path} does not match its contract`, parsed.error.issues);
    throw new ApiError(
      'UNEXPECTED_RESPONSE',
      response.status,
      'Response does not match the contract',
      parsed.error.issues,
    );
  }
  return parsed.data;
}

/** A JSON request whose answer is parsed with its shared response schema. */
export async function apiJson<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  return parseAnswer(method, path, schema, await send(method, path, options));
}

/**
 * A file upload: the file's bytes are the request body, labelled with the file's own type (the server
 * decides the real type from the content). The JSON answer is parsed like `apiJson`'s.
 */
export async function apiUpload<S extends z.ZodType>(
  method: 'POST' | 'PUT',
  path: string,
  schema: S,
  file: Blob,
  options: Omit<RequestOptions, 'body'> = {},
): Promise<z.infer<S>> {
  const raw = { data: file, contentType: file.type || 'application/octet-stream' };
  return parseAnswer(method, path, schema, await send(method, path, options, raw));
}

/** A request answered with 204 No Content. */
export async function apiNoContent(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<void> {
  await send(method, path, options);
}
