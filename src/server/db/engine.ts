import { AsyncLocalStorage } from "node:async_hooks";
import type { SqlQuery } from "./sql";

/** A transaction handle: the only way services touch the database. */
export interface Tx {
  query<Row = Record<string, unknown>>(query: SqlQuery): Promise<Row[]>;
  /** Exactly one row, or throws. */
  one<Row = Record<string, unknown>>(query: SqlQuery): Promise<Row>;
  /** Zero or one row. */
  maybeOne<Row = Record<string, unknown>>(query: SqlQuery): Promise<Row | undefined>;
  /** Unparameterized multi-statement SQL: migrations and test fixtures only. */
  execScript(script: string): Promise<void>;
}

export interface Engine {
  readonly kind: "pglite" | "postgres";
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * One statement in a transaction of its own (autocommit), as the connection's own role, like
   * `transaction` with one query but in one round trip instead of three (begin, query, commit).
   * For the job queue's bookkeeping on public.jobs (src/server/jobs/job-database.ts), where a
   * worker spends one statement per job; request code goes through asUser.
   */
  statement<Row = Record<string, unknown>>(query: SqlQuery): Promise<Row[]>;
  close(): Promise<void>;
}

/**
 * The same JavaScript types from both engines: int8 and numeric as numbers (counts and money fit a
 * double for our purposes), date as 'YYYY-MM-DD' strings (no local-time shifting).
 */
export const TYPE_PARSERS: Record<number, (value: string) => unknown> = {
  20: (v) => Number(v),
  1700: (v) => Number(v),
  1082: (v) => v,
};

export function makeTx(
  run: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>,
  exec: (script: string) => Promise<void>,
  render: (q: SqlQuery) => { text: string; params: unknown[] },
): Tx {
  const tx: Tx = {
    async query<Row>(q: SqlQuery) {
      const { text, params } = render(q);
      return (await run(text, params)) as Row[];
    },
    async one<Row>(q: SqlQuery) {
      const rows = await tx.query<Row>(q);
      if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
      return rows[0] as Row;
    },
    async maybeOne<Row>(q: SqlQuery) {
      const rows = await tx.query<Row>(q);
      if (rows.length > 1) throw new Error(`expected at most one row, got ${rows.length}`);
      return rows[0];
    },
    execScript: exec,
  };
  return tx;
}

const inTransaction = new AsyncLocalStorage<true>();

/**
 * Refuses a transaction started inside another on the same async path: on PGlite's single
 * session it would wait for itself forever; on PostgreSQL it would silently not be atomic.
 * Pass the outer `tx` down instead.
 */
export function withoutNesting<T>(fn: () => Promise<T>): Promise<T> {
  if (inTransaction.getStore()) {
    return Promise.reject(new Error("A transaction was started inside another transaction; pass the outer tx down instead"));
  }
  return inTransaction.run(true, fn);
}
