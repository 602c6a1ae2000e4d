import { describe, expect, it } from "vitest";
import { sql } from "@/server/db/sql";
import { createOrg } from "../helpers/fixtures";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();
const run = <T,>(fn: Parameters<ReturnType<typeof db.engine>["transaction"]>[0]) => db.engine().transaction(fn) as Promise<T>;

async function po(orgId: string, number: string, orderValue: string) {
  return run<{ id: string }>((tx) =>
    tx.one(sql`insert into public.purchase_orders (org_id, po_number, supplier, order_value, currency)
               values (${orgId}, ${number}, 'Supplier', ${orderValue}, 'NZD') returning id`),
  );
}

async function spentOf(id: string) {
  return run<{ spent: string; utilization_percent: string | null; version: number }>((tx) =>
    tx.one(sql`select spent::text, utilization_percent::text, version from public.purchase_orders where id = ${id}`),
  );
}

describe("procurement schema", () => {
  it("keeps each PO's spent equal to the sum of its QS amounts through inserts, updates, moves and deletes", async () => {
    const org = await createOrg(db.engine());
    const a = await po(org.id, "PO-A", "1000.00");
    const b = await po(org.id, "PO-B", "300.00");
    await run((tx) =>
      tx.query(sql`insert into public.quantity_surveys (org_id, qs_number, po_id, valuation_date, amount)
                   values (${org.id}, 'QS-1', ${a.id}, '2026-01-01', 250.10), (${org.id}, 'QS-2', ${a.id}, '2026-02-01', 500.00),
                          (${org.id}, 'QS-3', ${b.id}, '2026-02-01', 100.00), (${org.id}, 'QS-4', ${a.id}, '2026-03-01', -0.10)`),
    );
    expect(await spentOf(a.id)).toMatchObject({ spent: "750.00", utilization_percent: "75.00" });
    expect(await spentOf(b.id)).toMatchObject({ spent: "100.00", utilization_percent: "33.33" });

    // A QS moved to another PO with a new amount, then one deleted.
    await run((tx) => tx.query(sql`update public.quantity_surveys set po_id = ${b.id}, amount = 200 where org_id = ${org.id} and qs_number = 'QS-2'`));
    expect(await spentOf(a.id)).toMatchObject({ spent: "250.00", utilization_percent: "25.00" });
    expect(await spentOf(b.id)).toMatchObject({ spent: "300.00", utilization_percent: "100.00" });
    await run((tx) => tx.query(sql`delete from public.quantity_surveys where org_id = ${org.id} and qs_number in ('QS-1', 'QS-3')`));
    expect(await spentOf(a.id)).toMatchObject({ spent: "-0.10" });
    expect(await spentOf(b.id)).toMatchObject({ spent: "200.00", utilization_percent: "66.67" });
  });

  it("gives a PO with order value 0 no utilization instead of a division error", async () => {
    const org = await createOrg(db.engine());
    const zero = await po(org.id, "PO-0", "0");
    await run((tx) =>
      tx.query(sql`insert into public.quantity_surveys (org_id, qs_number, po_id, valuation_date, amount)
                   values (${org.id}, 'QS-Z', ${zero.id}, '2026-01-01', 10)`),
    );
    expect(await spentOf(zero.id)).toEqual({ spent: "10.00", utilization_percent: null, version: 1 });
  });

  it("refuses a QS whose PO belongs to another organization", async () => {
    const mine = await createOrg(db.engine());
    const theirs = await createOrg(db.engine());
    const foreign = await po(theirs.id, "PO-X", "100");
    await expect(
      run((tx) =>
        tx.query(sql`insert into public.quantity_surveys (org_id, qs_number, po_id, valuation_date, amount)
                     values (${mine.id}, 'QS-X', ${foreign.id}, '2026-01-01', 1)`),
      ),
    ).rejects.toThrow(/quantity_surveys_po_fkey/);
  });

  it("bumps a PO's version on a user-facing change only, never on spent", async () => {
    const org = await createOrg(db.engine());
    const a = await po(org.id, "PO-V", "100");
    await run((tx) =>
      tx.query(sql`insert into public.quantity_surveys (org_id, qs_number, po_id, valuation_date, amount)
                   values (${org.id}, 'QS-V', ${a.id}, '2026-01-01', 1)`),
    );
    expect((await spentOf(a.id)).version).toBe(1);
    await run((tx) => tx.query(sql`update public.purchase_orders set supplier = 'Other' where id = ${a.id}`));
    expect((await spentOf(a.id)).version).toBe(2);
    await run((tx) => tx.query(sql`update public.purchase_orders set supplier = 'Other' where id = ${a.id}`));
    expect((await spentOf(a.id)).version).toBe(2);
  });

  it("keeps PO numbers unique per organization, not across organizations", async () => {
    const one = await createOrg(db.engine());
    const two = await createOrg(db.engine());
    await po(one.id, "PO-1", "1");
    await po(two.id, "PO-1", "1");
    await expect(po(one.id, "PO-1", "2")).rejects.toThrow(/purchase_orders_org_po_number_key/);
  });

  it("takes an import's staged rows along when it goes, and clears the import ids it left on rows", async () => {
    const org = await createOrg(db.engine());
    const a = await po(org.id, "PO-I", "10");
    const { id } = await run<{ id: string }>((tx) =>
      tx.one(sql`insert into public.imports (org_id, type, status, file_name, file_size, file_sha256, storage_path)
                 values (${org.id}, 'purchase_orders', 'succeeded', 'f.xlsx', 1, ${"c".repeat(64)}, ${`${org.id}/${org.id}.xlsx`}) returning id`),
    );
    await run((tx) => tx.query(sql`insert into public.import_rows (import_id, org_id, row_number, action) values (${id}, ${org.id}, 2, 'create')`));
    await run((tx) => tx.query(sql`update public.purchase_orders set import_id = ${id}, created_import_id = ${id} where id = ${a.id}`));
    await run((tx) => tx.query(sql`delete from public.imports where id = ${id}`));
    const left = await run<{ staged: number; import_id: string | null; created_import_id: string | null }>((tx) =>
      tx.one(sql`select (select count(*)::int from public.import_rows where import_id = ${id}) as staged, import_id, created_import_id
                   from public.purchase_orders where id = ${a.id}`),
    );
    expect(left).toEqual({ staged: 0, import_id: null, created_import_id: null });
  });
});
