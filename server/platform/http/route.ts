import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import type { TOrganisationKind, TOrganisationStatus, TRole } from '../../../shared/contracts/organisations';
import { AppError, zodIssues } from './errors';
import { detectFileType, FILE_TYPES, type FileType } from './file-types';

/** Who is calling: resolved from the server-side session on every request. */
export interface Actor {
  userId: string;
  /** For audit trails ("verified by …"). */
  name: string;
  sessionId: string;
  organisationId: string;
  organisationKind: TOrganisationKind;
  organisationStatus: TOrganisationStatus;
  roles: TRole[];
}

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor | null;
  }
}

/** Every route states who may call it; the route table is checked route by route in test/authorization. */
export type Access =
  | { kind: 'public'; authenticatedBy?: string }
  | { kind: 'signed-in'; organisationKinds?: readonly TOrganisationKind[]; roles?: readonly TRole[] };

export const anyone = { kind: 'public' } as const;
/**
 * No session, yet not open to anyone: the request proves its sender another way (a payment provider's
 * signature over the body), checked by the handler before it does anything. `what` names that proof.
 */
export function authenticatedBy(what: string) {
  return { kind: 'public', authenticatedBy: what } as const;
}
export function signedIn(
  rule: { organisationKinds?: readonly TOrganisationKind[]; roles?: readonly TRole[] } = {},
) {
  return { kind: 'signed-in', ...rule } as const;
}

type ActorFor<A extends Access> = A extends { kind: 'public' } ? Actor | null : Actor;
type AnyObject = z.ZodObject | z.ZodPipe<z.ZodObject> | z.ZodType<Record<string, unknown>>;

export type RateLimitTier = 'auth';

/** A route that answers with a file instead of JSON declares `response: binary`. */
export const binary = { kind: 'binary' } as const;
export type Binary = typeof binary;
export interface FileDownload {
  data: Buffer;
  contentType: string;
  filename: string;
  /** Shown in the page (photos) rather than saved; a download by default. */
  inline?: boolean;
  /** `private, no-store` by default; a file whose address names its content may be kept for long. */
  cacheControl?: string;
}

/** The raw request body of an upload route, after its type was read from its first bytes. */
export interface UploadedFile {
  data: Buffer;
  type: FileType;
  contentType: string;
}

export interface RouteSpec<
  A extends Access,
  P extends AnyObject,
  Q extends AnyObject,
  B extends z.ZodType,
  R extends z.ZodType | Binary | null,
> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  access: A;
  rateLimit?: RateLimitTier;
  params?: P;
  query?: Q;
  body?: B;
  /** The body is one file (PDF/JPEG/PNG/WebP/CSV as allowed), sent raw; its type is read from its content. */
  upload?: { maxBytes: number; accept: readonly FileType[] };
  /**
   * The body is handed over as the exact bytes sent (`raw`), up to maxBytes, never parsed as JSON: a
   * webhook's signature covers those bytes. The path must be fixed (no `:params`): the app's JSON parser
   * skips it by path.
   */
  rawBody?: { maxBytes: number };
  /** null means 204 No Content; `binary` a file download. */
  response: R;
  status?: 200 | 201;
  handler: (input: {
    actor: ActorFor<A>;
    params: z.output<P>;
    query: z.output<Q>;
    body: z.output<B>;
    file: UploadedFile | null;
    /** The body's bytes on a `rawBody` route (empty when none were sent); null elsewhere. */
    raw: Buffer | null;
    req: Request;
    res: Response;
  }) => Promise<R extends z.ZodType ? z.input<R> : R extends Binary ? FileDownload : void>;
}

// Erased for the route table; each module keeps its routes fully typed through defineRoute.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<Access, any, any, any, any>;

export function defineRoute<
  const A extends Access,
  P extends AnyObject = z.ZodObject<Record<string, never>>,
  Q extends AnyObject = z.ZodObject<Record<string, never>>,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType | Binary | null = null,
>(spec: RouteSpec<A, P, Q, B, R>): AnyRoute {
  return spec as AnyRoute;
}

export function authorize(access: Access, actor: Actor | null | undefined): void {
  if (access.kind === 'public') return;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.');
  if (access.organisationKinds && !access.organisationKinds.includes(actor.organisationKind)) {
    throw new AppError('FORBIDDEN', 'Akun Anda tidak memiliki akses ke fitur ini.');
  }
  if (access.roles && !access.roles.some((role) => actor.roles.includes(role))) {
    throw new AppError('FORBIDDEN', 'Peran Anda tidak memiliki akses ke fitur ini.');
  }
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'Data tidak valid.', zodIssues(parsed.error));
  return parsed.data;
}

const noFields = z.strictObject({});

function readUpload(route: AnyRoute, req: Request): UploadedFile | null {
  if (!route.upload) return null;
  const allowed = route.upload.accept.map((type) => FILE_TYPES[type].extension.toUpperCase()).join(', ');
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
    throw new AppError('VALIDATION_FAILED', `Kirim satu berkas (${allowed}) sebagai isi permintaan.`);
  }
  const type = detectFileType(req.body, route.upload.accept);
  if (!type || !route.upload.accept.includes(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Jenis berkas tidak diterima. Unggah berkas ${allowed}.`);
  }
  return { data: req.body, type, contentType: FILE_TYPES[type].contentType };
}

/** Upload and raw-body routes read their own body, with their own limit and their own message. */
function rawBody(maxBytes: number, tooLarge: string): RequestHandler {
  const parse = express.raw({ type: () => true, limit: maxBytes });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large') {
        next(new AppError('PAYLOAD_TOO_LARGE', tooLarge));
      } else next(error);
    });
}

function uploadBody(maxBytes: number): RequestHandler {
  const megabytes = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return rawBody(maxBytes, `Berkas terlalu besar. Ukuran maksimal ${megabytes} MB.`);
}

function sendFile(res: Response, file: FileDownload): void {
  res.setHeader('Content-Type', file.contentType);
  const disposition = file.inline ? 'inline' : 'attachment';
  res.setHeader(
    'Content-Disposition',
    `${disposition}; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`,
  );
  res.setHeader('Cache-Control', file.cacheControl ?? 'private, no-store');
  res.status(200).send(file.data);
}

function readBody(route: AnyRoute, req: Request): unknown {
  if (route.upload || route.rawBody) return undefined;
  const hasBody =
    req.body !== undefined && !(typeof req.body === 'object' && Object.keys(req.body).length === 0);
  if (!route.body) {
    if (hasBody) throw new AppError('VALIDATION_FAILED', 'Permintaan ini tidak menerima data.');
    return undefined;
  }
  if (!req.is('application/json')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Kirim data sebagai application/json.');
  }
  return parseOrThrow(route.body, req.body);
}

export interface MountOptions {
  limiters: Record<RateLimitTier, RequestHandler>;
  /** Outside production every response is parsed with its contract, so tests catch a presenter drifting. */
  checkResponses: boolean;
}

/** A presenter drifting from its contract is the server's bug: a logged 500, never a 400 for the caller. */
function checkedResponse(route: AnyRoute, result: unknown): unknown {
  const parsed = (route.response as z.ZodType).safeParse(result);
  if (!parsed.success) {
    throw new Error(
      `response of ${route.method.toUpperCase()} ${route.path} breaks its contract: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

/** guard → validate → handler → contract, identical for every route. */
export function mountRoutes(router: Router, routes: readonly AnyRoute[], options: MountOptions): void {
  for (const route of routes) {
    const handlers: RequestHandler[] = [];
    if (route.rateLimit) handlers.push(options.limiters[route.rateLimit]);
    // Who may call is settled before an upload body is read: a stranger's 5 MB is refused unread.
    handlers.push((req, _res, next) => {
      authorize(route.access, req.actor);
      next();
    });
    if (route.upload) handlers.push(uploadBody(route.upload.maxBytes));
    if (route.rawBody) {
      const kilobytes = Math.round(route.rawBody.maxBytes / 1024);
      handlers.push(rawBody(route.rawBody.maxBytes, `Data terlalu besar. Ukuran maksimal ${kilobytes} KB.`));
    }
    handlers.push(async (req, res) => {
      const params = parseOrThrow(route.params ?? noFields, req.params);
      const query = parseOrThrow(route.query ?? noFields, req.query ?? {});
      const body = readBody(route, req);
      const file = readUpload(route, req);
      const raw = route.rawBody ? (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)) : null;
      const result = await route.handler({
        actor: req.actor ?? null,
        params,
        query,
        body,
        file,
        raw,
        req,
        res,
      });
      if (route.response === null) {
        res.status(204).end();
        return;
      }
      if (route.response === binary) {
        sendFile(res, result as FileDownload);
        return;
      }
      res.status(route.status ?? 200).json(options.checkResponses ? checkedResponse(route, result) : result);
    });
    router[route.method](route.path, ...handlers);
  }
}
