import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../../shared/errors';
import type { TErrorResponse, TValidationDetails } from '../../../shared/contracts/common';

/** A failure the caller can act on. Anything else reaching the handler is a bug: logged, and a bare 500. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function zodIssues(error: ZodError): TValidationDetails {
  return { issues: error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })) };
}

/** Errors raised by express' body parser carry a `type`; map the ones a client can cause. */
function fromBodyParser(error: { type?: unknown }): AppError | null {
  switch (error.type) {
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', 'Data yang dikirim terlalu besar.');
    case 'entity.parse.failed':
      return new AppError('MALFORMED_JSON', 'Data yang dikirim bukan JSON yang sah.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Pengodean data tidak didukung.');
    default:
      return null;
  }
}

export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError)
    return new AppError('VALIDATION_FAILED', 'Data tidak valid.', zodIssues(error));
  if (error && typeof error === 'object' && 'type' in error)
    return fromBodyParser(error as { type?: unknown });
  return null;
}

export function errorBody(error: AppError): TErrorResponse {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new AppError('ROUTE_NOT_FOUND', 'Alamat API tidak ditemukan.'));
};

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const known = toAppError(error);
  const appError = known ?? new AppError('INTERNAL', 'Terjadi kesalahan di server. Silakan coba lagi.');
  if (!known) req.log.error({ err: error }, 'unhandled error');
  else if (appError.status >= 500) req.log.warn({ err: error }, appError.code);
  if (res.headersSent) return;
  res.status(appError.status).json(errorBody(appError));
};
