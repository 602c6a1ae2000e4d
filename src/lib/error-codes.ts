/**
 * The closed list of API error codes and their HTTP statuses. Routes, server actions and Edge
 * Functions all answer `{ error, code, timestamp, requestId, details? }` with one of these.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  ORG_REQUIRED: 400,
  INVALID_TOKEN: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  INVITE_EXPIRED: 410,
  INVITE_REVOKED: 410,
  INVITE_ACCEPTED: 409,
  ALREADY_MEMBER: 409,
  INVITE_EMAIL_MISMATCH: 403,
  EMAIL_NOT_VERIFIED: 403,
  /** Signed in with a password only (aal1) while a verified factor exists: answer the challenge. */
  MFA_REQUIRED: 403,
  /** The organization requires two factors of the caller's role and they have none yet. */
  MFA_ENROLLMENT_REQUIRED: 403,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  UPSTREAM_ERROR: 502,
  SERVICE_UNAVAILABLE: 503,
  /** The disk (or quota) where the server keeps its data is full: nothing was saved; an operator must free space. */
  STORAGE_FULL: 507,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: string;
  code: ErrorCode;
  timestamp: string;
  requestId: string;
  details?: unknown;
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === "object" && value !== null && "code" in value && "error" in value;
}
