import { sql, type Tx } from "@/server/db";
import type { SqlQuery } from "@/server/db/sql";
import { COUNT_CAP } from "@/lib/procurement-views";

/**
 * How many rows of `from` match `where`, counting at most COUNT_CAP past `offset`: the scan stops
 * there, so a list over a million rows costs what its current page costs. `capped` says the total
 * is a lower bound.
 */
export async function cappedCount(tx: Tx, from: SqlQuery, where: SqlQuery, offset: number): Promise<{ total: number; capped: boolean }> {
  const limit = offset + COUNT_CAP;
  const { n } = await tx.one<{ n: number }>(sql`select count(*)::int as n from (select 1 from ${from} where ${where} limit ${limit + 1}) counted`);
  return n > limit ? { total: limit, capped: true } : { total: n, capped: false };
}
