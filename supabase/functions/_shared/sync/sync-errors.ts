/**
 * Why a call to Xero or XPM failed, worded for the operator who reads a run's error. `code` is what
 * the sync run switches on; `retryable` tells the job whether another attempt can help.
 */
export type SyncErrorCode =
  | "reconnect_required" // invalid_grant, revoked consent: a person must connect again
  | "token_expired" // 401 TokenExpired after the one refresh we allow per call
  | "tenant_forbidden" // 403 AuthenticationUnsuccessful: tenant disconnected or role lost
  | "rate_limited_day" // the tenant's daily allowance is spent: pause it, mark the run partial
  | "rate_limited" // minute/concurrent 429s that outlasted the retry budget
  | "upstream_unavailable" // 500/503 or network failure after bounded retries
  | "malformed_response" // a page that does not parse or does not have the documented shape
  | "xpm_error" // XPM's <Status>ERROR</Status>, possibly inside an HTTP 200
  | "bad_request" // any other 4xx: our request is wrong, retrying will not fix it
  | "token_decrypt_failed"; // a stored token that fails authentication (wrong key or tampered)

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly details: { status?: number; retryAt?: number } = {},
  ) {
    super(message);
    this.name = "SyncError";
  }
}

/** The tenant's daily call allowance is used up until `retryAt` (ms since epoch). A distinct outcome, not a failure. */
export class DayLimitReached extends SyncError {
  constructor(readonly tenantId: string, retryAt: number) {
    super("rate_limited_day", `Xero's daily call limit for this tenant is reached; syncing resumes after ${new Date(retryAt).toISOString()}.`, false, { status: 429, retryAt });
    this.name = "DayLimitReached";
  }
}
