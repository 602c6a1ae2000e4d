import { describe, expect, it } from "vitest";
import { migrate } from "@/server/db/migrate";
import { sql } from "@/server/db/sql";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();

describe("migrator", () => {
  it("records every migration as the Supabase CLI does", async () => {
    const rows = await db.engine().transaction((tx) =>
      tx.query<{ version: string; name: string; statements: string[] }>(
        sql`select version, name, statements from supabase_migrations.schema_migrations order by version`,
      ),
    );
    expect(rows.map((r) => r.name)).toContain("tenancy");
    for (const row of rows) {
      expect(row.version).toMatch(/^\d{14}$/);
      expect(row.statements.join("")).not.toHaveLength(0);
    }
  });

  it("applies nothing twice", async () => {
    expect(await migrate(db.engine(), { localBootstrap: true })).toEqual([]);
  });
});
