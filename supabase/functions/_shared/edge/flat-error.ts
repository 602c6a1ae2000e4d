/**
 * The flat error shape of DESIGN §7 for the Edge Functions, which cannot import src/. These codes
 * are members of the one closed list (src/lib/error-codes.ts), with the same statuses; a unit test
 * keeps them equal.
 */
export const FUNCTION_ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  METHOD_NOT_ALLOWED: 405,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  INTERNAL_ERROR: 500,
} as const;

export type FunctionErrorCode = keyof typeof FUNCTION_ERROR_STATUS;

export function flatError(code: FunctionErrorCode, message: string, requestId: string, details?: unknown): Response {
  const body: Record<string, unknown> = { error: message, code, timestamp: new Date().toISOString(), requestId };
  if (details !== undefined) body.details = details;
  return Response.json(body, { status: FUNCTION_ERROR_STATUS[code], headers: { "X-Request-ID": requestId } });
}

/** A sane incoming X-Request-ID, or a new one. */
export function requestIdOf(req: Request): string {
  const incoming = req.headers.get("x-request-id");
  return incoming && /^[A-Za-z0-9._:-]{1,128}$/.test(incoming) ? incoming : crypto.randomUUID();
}
