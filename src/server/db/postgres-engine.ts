import pg from "pg";
import { makeTx, TYPE_PARSERS, withoutNesting, type Engine } from "./engine";
import { render } from "./sql";

const types = {
  getTypeParser: (oid: number, format?: string) =>
    TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format as "text"),
};

export function createPostgresEngine(connectionString: string, poolSize = 10): Engine & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max: poolSize, types });
  // An idle client that errors (server restart) must not crash the process.
  pool.on("error", () => undefined);
  return {
    kind: "postgres",
    pool,
    transaction: (fn) => withoutNesting(async () => {
      const client = await pool.connect();
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
        await client.query("rollback").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    }),
    close: () => pool.end(),
  };
}
