/**
 * Whether a database error will happen again on retry: bad data (22…), a constraint (23…), a
 * statement our code got wrong (42…) or a trigger's RAISE (P0…) fail the same way every time,
 * while lost connections, timeouts, deadlocks and serialization failures may pass next time.
 */
export function isDeterministicDbError(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && /^(22|23|42|P0)/.test(code);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
