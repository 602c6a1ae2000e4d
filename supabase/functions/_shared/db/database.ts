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
  /**
   * Runs `fn`, which issues exactly ONE statement (a second one throws), in a transaction of its own
   * as the database's own role (the owner of public.jobs): one round trip instead of four. Only for
   * the queue's bookkeeping on public.jobs (claim, settle, heartbeat), where service_role and the
   * owner may do the same and the job's own work never runs. Optional: see `singleStatement`.
   */
  single?<T>(fn: (tx: JobTx) => Promise<T>): Promise<T>;
}

/** `db.single`, or a plain transaction for a database without it (test doubles that fail on purpose). */
export function singleStatement<T>(db: JobDatabase, fn: (tx: JobTx) => Promise<T>): Promise<T> {
  return db.single ? db.single(fn) : db.transaction(fn);
}

/** A JobTx over one statement runner that refuses a second statement (atomicity is per statement). */
export function oneStatementTx(run: <Row>(query: SqlQuery) => Promise<Row[]>): JobTx {
  let used = false;
  const query = <Row,>(q: SqlQuery): Promise<Row[]> => {
    if (used) return Promise.reject(new Error("single(): a second statement would not be atomic with the first; use transaction()"));
    used = true;
    return run<Row>(q);
  };
  return {
    query,
    async one<Row>(q: SqlQuery) {
      const rows = await query<Row>(q);
      if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
      return rows[0] as Row;
    },
    async maybeOne<Row>(q: SqlQuery) {
      const rows = await query<Row>(q);
      if (rows.length > 1) throw new Error(`expected at most one row, got ${rows.length}`);
      return rows[0];
    },
  };
}
