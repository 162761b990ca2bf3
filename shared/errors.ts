/**
 * Stable error codes: the API's `error.code`, the client's translation key, and the one place that
 * decides an HTTP status. Adding a code means adding its status here and its message in the client i18n.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ORIGIN_NOT_ALLOWED: 403,
  ORGANISATION_NOT_VERIFIED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  ALREADY_EXISTS: 409,
  LAST_ADMIN: 409,
  INVALID_STATE: 409,
  LIMIT_REACHED: 409,
  INSUFFICIENT_STOCK: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  INVITATION_INVALID: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];
