import pg from "pg";
import { DatabaseUnavailableError, isConnectionFailure } from "./database-unavailable";
import { makeTx, TYPE_PARSERS, withoutNesting, type Engine } from "./engine";
import { render, type SqlQuery } from "./sql";

const types = {
  getTypeParser: (oid: number, format?: string) =>
    TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format as "text"),
};

export function createPostgresEngine(connectionString: string, poolSize = 10): Engine & { pool: pg.Pool } {
  // A bounded wait for a connection: with the database gone, requests answer 503 in seconds, not hang.
  const pool = new pg.Pool({ connectionString, max: poolSize, types, connectionTimeoutMillis: 5_000 });
  // An idle client that errors (server restart) must not crash the process.
  pool.on("error", () => undefined);
  return {
    kind: "postgres",
    pool,
    transaction: (fn) => withoutNesting(async () => {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw isConnectionFailure(error) ? new DatabaseUnavailableError(error) : error;
      }
      let broken = false;
      // A connection lost while checked out emits 'error' on the client; unheard, that event would
      // crash the process. The failed query rejects as well, which is where it is handled.
      const onLostConnection = () => {
        broken = true;
      };
      client.on("error", onLostConnection);
      try {
        await client.query("begin");
        const result = await fn(
          makeTx(
            async (text, params) => (await client.query(text, params as unknown[])).rows,
            async (script) => void (await client.query(script)),
            render,
          ),
        );
        await client.query("commit");
        return result;
      } catch (error) {
        if (isConnectionFailure(error)) {
          broken = true;
          throw new DatabaseUnavailableError(error);
        }
        await client.query("rollback").catch(() => undefined);
        throw error;
      } finally {
        // A connection that failed is destroyed, not handed to the next request.
        client.off("error", onLostConnection);
        client.release(broken ? true : undefined);
      }
    }),
    statement: <Row,>(query: SqlQuery) =>
      withoutNesting(async () => {
        const { text, params } = render(query);
        try {
          return (await pool.query(text, params as unknown[])).rows as Row[];
        } catch (error) {
          throw isConnectionFailure(error) ? new DatabaseUnavailableError(error) : error;
        }
      }),
    close: () => pool.end(),
  };
}
