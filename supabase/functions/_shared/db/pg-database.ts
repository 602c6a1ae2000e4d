import pg from "pg";
import { oneStatementTx, type JobDatabase, type JobTx } from "./database.ts";
import { render, sql, type SqlQuery } from "./sql.ts";

/**
 * The database handle for the Edge Functions (Deno): a small `pg` pool whose transactions switch to
 * `service_role` with transaction-local settings, exactly as src/server/db/transactions.ts does, so
 * nothing leaks to the next user of a pooled connection.
 */
export function createPgJobDatabase(connectionString: string, max = 3): JobDatabase & { close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client that errors (server restart) must not take the function down.
  pool.on("error", () => undefined);
  return {
    async transaction<T>(fn: (tx: JobTx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const run = async <Row,>(q: SqlQuery) => {
        const { text, params } = render(q);
        return (await client.query(text, params as unknown[])).rows as Row[];
      };
      const tx: JobTx = {
        query: run,
        async one<Row>(q: SqlQuery) {
          const rows = await run<Row>(q);
          if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
          return rows[0] as Row;
        },
        async maybeOne<Row>(q: SqlQuery) {
          const rows = await run<Row>(q);
          if (rows.length > 1) throw new Error(`expected at most one row, got ${rows.length}`);
          return rows[0];
        },
      };
      try {
        await client.query("begin");
        await tx.query(sql`
          select set_config('role', 'service_role', true),
                 set_config('request.jwt.claims', '{"role":"service_role"}', true),
                 set_config('search_path', 'public, extensions', true),
                 set_config('statement_timeout', '60s', true)`);
        const result = await fn(tx);
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async single<T>(fn: (tx: JobTx) => Promise<T>): Promise<T> {
      return fn(oneStatementTx(async <Row,>(q: SqlQuery) => {
        const { text, params } = render(q);
        return (await pool.query(text, params as unknown[])).rows as Row[];
      }));
    },
    close: () => pool.end(),
  };
}
