/** The envelope every cloud function answers with; the front end and the gateway rely on it. */
const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'FULL',
  'CLOSED',
  'RATE_LIMITED',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface FieldError {
  path: string
  message: string
}

export interface ApiError {
  code: ErrorCode
  /** Chinese, fit to show a user as is. */
  message: string
  fields?: FieldError[]
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError }

/** The local gateway maps codes to HTTP statuses with this table. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FULL: 409,
  CLOSED: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
}
