import { describe, expect, it } from "vitest";
import { sql } from "@/server/db";
import { TABLE_COLUMNS } from "@/server/db/row-types";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();

describe("row types", () => {
  it("match the live schema, table for table and column for column", async () => {
    const rows = await db.engine().transaction((tx) =>
      tx.query<{ table_name: string; column_name: string; type: string }>(sql`
        select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`),
    );
    const live: Record<string, Record<string, string>> = {};
    for (const row of rows) (live[row.table_name] ??= {})[row.column_name] = row.type;
    expect(live).toEqual(TABLE_COLUMNS);
  });
});
