import type { SqlQuery } from "./sql.ts";

/**
 * The database handle job code receives: the subset of src/server/db's `Tx` that job code needs, so
 * the app's transactions satisfy it structurally and the Deno adapter (pg-database.ts) implements it.
 */
export interface JobTx {
  query<Row = Record<string, unknown>>(query: SqlQuery): Promise<Row[]>;
  one<Row = Record<string, unknown>>(query: SqlQuery): Promise<Row>;
  maybeOne<Row = Record<string, unknown>>(query: SqlQuery): Promise<Row | undefined>;
}

/** Runs `fn` in one transaction as `service_role` (jobs act for an explicit, validated org id). */
export interface JobDatabase {
  transaction<T>(fn: (tx: JobTx) => Promise<T>): Promise<T>;
}
