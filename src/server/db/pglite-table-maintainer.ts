import type { PGlite } from "@electric-sql/pglite";

/** Transactions between two looks at the tables' sizes. */
const LOOK_EVERY = 64;
/** A table is maintained once it has grown this much since its last vacuum or analyze, and past MIN_BYTES. */
const GROWTH = 1.2;
const MIN_BYTES = 1024 * 1024;
/** A table with less of its pages marked all-visible than this is vacuumed too (once per size). */
const VISIBLE = 0.5;

/**
 * PGlite runs Postgres single-user: there is no autovacuum, and its activity counters (n_dead_tup,
 * n_mod_since_analyze) stay at zero, so no table is ever analyzed or vacuumed by itself. A synced or
 * imported table then keeps the planner's guess for an empty table (a sort of every row where an
 * index scan would read the first page) and never gets its visibility map (every index-only scan
 * visits the heap), and dead rows are never reclaimed. Every few transactions this looks for the
 * table that grew most past 20 % (and 1 MB) since its last vacuum or analyze (pg_class.relpages is
 * what they recorded) and runs `vacuum (analyze)` on it: what autovacuum's thresholds would do, one
 * table at a time, so a look costs one catalog query and at most one table's vacuum. Not while the
 * disk is low (a vacuum writes). A failed vacuum only postpones it.
 *
 * A table can be analyzed without being vacuumed (a bulk load ends with `analyze`): its size is then
 * recorded but its visibility map is empty, and every index-only scan of it visits the heap (5,105
 * heap fetches for one client's hours at 1M invoices). Such a table (under half its pages all-visible)
 * is vacuumed too, once for a given size: if a vacuum cannot mark its pages, it is not tried again
 * until the table grows.
 */
export function pgliteTableMaintainer(pglite: PGlite, diskLow: () => boolean) {
  let transactions = 0;
  /** Tables vacuumed for their visibility map, at the size (pages) they had: not again at that size. */
  const markedAt = new Map<string, number>();
  /** Vacuums the table most in need, if any: whether there was one. */
  async function maintainOne(): Promise<boolean> {
    const { rows } = await pglite.query<{ rel: string; pages: number }>(
      `select format('%I.%I', n.nspname, c.relname) as rel, c.relpages as pages
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'r' and n.nspname in ('public', 'app_private', 'auth', 'storage')
          and pg_relation_size(c.oid) >= $1
          and (pg_relation_size(c.oid) > $2::float8 * c.relpages::bigint * current_setting('block_size')::int
               or (c.relallvisible < $3::float8 * c.relpages
                   and not format('%I.%I', n.nspname, c.relname) || ':' || c.relpages = any($4::text[])))
        order by pg_relation_size(c.oid) - c.relpages::bigint * current_setting('block_size')::int desc, c.relpages - c.relallvisible desc
        limit 1`,
      [MIN_BYTES, GROWTH, VISIBLE, [...markedAt].map(([rel, pages]) => `${rel}:${pages}`)],
    );
    const table = rows[0];
    if (!table) return false;
    await pglite.exec(`vacuum (analyze) ${table.rel}`);
    // The size the vacuum records is the one not to retry at (it may be more pages than before).
    const { rows: after } = await pglite.query<{ pages: number }>(`select relpages as pages from pg_class where oid = $1::regclass`, [table.rel]);
    markedAt.set(table.rel, after[0]?.pages ?? table.pages);
    return true;
  }
  return {
    async afterTransaction(): Promise<void> {
      if (++transactions % LOOK_EVERY !== 0 || diskLow()) return;
      try {
        await maintainOne();
      } catch {
        // Closed underneath us, or a table dropped meanwhile: the next look tries again.
      }
    },
    /** Every table that needs it at once: the state the looks reach over time (after a bulk load, say). */
    async catchUp(): Promise<void> {
      while (await maintainOne());
    },
  };
}
