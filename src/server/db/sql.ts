// One implementation, shared with the job code that also runs under Deno (DESIGN §8).
export { sql, render, type SqlQuery } from "@edge-shared/db/sql.ts";
