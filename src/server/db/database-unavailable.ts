/**
 * The database could not be reached or dropped the connection (stopped, restarting, network gone):
 * the request answers 503 so the client retries, rather than a 500 that reads as a bug.
 */
export class DatabaseUnavailableError extends Error {
  constructor(readonly cause: unknown) {
    super("The database is not reachable");
    this.name = "DatabaseUnavailableError";
  }
}

// Class 08 (connection exception) and 57P01–57P03 (admin/crash shutdown, cannot connect now).
const SQLSTATE = /^(08...|57P0[1-3])$/;
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ECONNABORTED"]);
// node-postgres reports a dropped or timed-out connection by message only.
const MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/** Whether an error from the driver means "no database right now" rather than a failed statement. */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (typeof error !== "object" || error === null) return false;
  // By name too: a production build can bundle this module into more than one chunk, and an
  // error made by one chunk's class is not an instance of another's.
  if ((error as { name?: unknown }).name === "DatabaseUnavailableError") return true;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string" && (SQLSTATE.test(code) || NODE_CODES.has(code))) return true;
  return typeof message === "string" && MESSAGES.test(message);
}
