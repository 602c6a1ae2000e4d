import type { Engine, Tx } from "@/server/db";
import { render, type SqlQuery } from "@/server/db/sql";

/** One transaction as the engine saw it: the statements run in it, BEGIN and COMMIT left out. */
export interface RecordedTransaction {
  statements: string[];
  /** `engine.statement()`: one statement on its own, no BEGIN or COMMIT. */
  autocommit?: boolean;
}

/**
 * The engine under test, recording every transaction and statement that goes through it, so a
 * test can say how many round trips a request costs. On PGlite, the single session, each of them
 * is time every other request waits for.
 */
export function countingEngine(inner: Engine): { engine: Engine; transactions: RecordedTransaction[]; reset(): void } {
  const transactions: RecordedTransaction[] = [];
  const engine: Engine = {
    kind: inner.kind,
    close: () => inner.close(),
    statement: (q) => {
      transactions.push({ statements: [render(q).text.replace(/\s+/g, " ").trim()], autocommit: true });
      return inner.statement(q);
    },
    transaction: (fn) =>
      inner.transaction((tx) => {
        const recorded: RecordedTransaction = { statements: [] };
        transactions.push(recorded);
        const note = (q: SqlQuery) => recorded.statements.push(render(q).text.replace(/\s+/g, " ").trim());
        const counted: Tx = {
          query: (q) => (note(q), tx.query(q)),
          one: (q) => (note(q), tx.one(q)),
          maybeOne: (q) => (note(q), tx.maybeOne(q)),
          execScript: (script) => (recorded.statements.push(script), tx.execScript(script)),
        };
        return fn(counted);
      }),
  };
  return { engine, transactions, reset: () => void transactions.splice(0) };
}

/** What a test asserts: transactions, and statements counting BEGIN and COMMIT (the engine runs both). */
export function roundTrips(transactions: RecordedTransaction[]) {
  return {
    transactions: transactions.length,
    statements: transactions.reduce((n, t) => n + t.statements.length + (t.autocommit ? 0 : 2), 0),
    perTransaction: transactions.map((t) => t.statements.length + (t.autocommit ? 0 : 2)),
  };
}
