import { z } from "zod";

/** What a NUL-refusing string looks like; exported for the forms' own checks and the tests. */
export const NO_NUL = /^[^\u0000]*$/;
export const NUL_MESSAGE = "Remove the NUL character (\\u0000)";

/**
 * The one string schema for input from outside (bodies, queries, route params). Postgres `text`
 * cannot hold U+0000, so a NUL that got past validation failed in the database as a 500; here it is
 * a 422 naming the field. Chain the usual string methods after it: `text().trim().min(1).max(120)`.
 */
export function text(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).regex(NO_NUL, NUL_MESSAGE);
}
