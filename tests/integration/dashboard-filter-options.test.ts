import { beforeAll, describe, expect, it } from "vitest";
import { GET as getData } from "@/app/api/dashboards/[id]/data/route";
import { GET as filterOptions } from "@/app/api/dashboards/[id]/filter-options/route";
import { sql } from "@/server/db";
import { ensureDefaultDashboards } from "@/server/dashboards/default-dashboards";
import { isoDateIn } from "@/server/dashboards/date-range";
import { generateFinanceData, type FinanceDataset } from "@/server/demo/generate-finance-data";
import { insertFinanceData } from "@/server/demo/insert-finance-data";
import { setupTestDatabase } from "../helpers/test-db";
import { createOrgWithMembers } from "../helpers/fixtures";
import type { TestClient } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";

/**
 * The dashboard filter comboboxes search contacts, clients and staff on the server: every match by
 * name (not only the 200 contacts the dashboard sends), only for a dashboard the caller may open and
 * a filter it has, and only the caller's organization's names.
 */
const db = setupTestDatabase();

type Options = { options: { value: string; label: string }[] };

describe("GET /api/dashboards/{id}/filter-options", () => {
  let data: FinanceDataset;
  const ids: Record<string, string> = {};
  let finance: TestClient;
  let staff: TestClient;
  let outsider: TestClient;

  beforeAll(async () => {
    const acme = await createOrgWithMembers(db.engine(), "acme-filters");
    const other = await createOrgWithMembers(db.engine(), "other-filters");
    const today = isoDateIn("UTC");
    // More customers than the dashboard's aging table sends (200).
    data = generateFinanceData({ seed: 11, invoices: 400, asOf: today, currency: "USD", customers: 260 });
    await db.engine().transaction(async (tx) => {
      await ensureDefaultDashboards(tx, acme.org.id, { withMetabase: false });
      await insertFinanceData(tx, acme.org.id, data);
      await ensureDefaultDashboards(tx, other.org.id, { withMetabase: false });
      await insertFinanceData(tx, other.org.id, generateFinanceData({ seed: 12, invoices: 100, asOf: today, currency: "USD" }));
      for (const r of await tx.query<{ key: string; id: string }>(sql`select key, id from public.dashboards where org_id = ${acme.org.id}`)) ids[r.key] = r.id;
      ids.other = (await tx.one<{ id: string }>(sql`select id from public.dashboards where org_id = ${other.org.id} and key = 'financial-overview'`)).id;
    });
    finance = await signIn(acme.members.finance.email);
    staff = await signIn(acme.members.staff.email);
    outsider = await signIn(other.members.finance.email);
  });

  const search = (client: TestClient, id: string, query: Record<string, string>) =>
    client.call<Options>(filterOptions, `/api/dashboards/${id}/filter-options`, { params: { id }, query });

  it("finds every contact whose name contains the search, in any case, sorted by name", async () => {
    const word = data.contacts.name[0]!.split(/\s+/)[0]!;
    const expected = data.contacts.name
      .map((name, i) => ({ value: data.contacts.externalId[i]!, label: name }))
      .filter((c) => c.label.toLowerCase().includes(word.toLowerCase()))
      .sort((a, b) => a.label.toLowerCase().localeCompare(b.label.toLowerCase()) || (a.value < b.value ? -1 : 1));
    const res = await search(finance, ids["financial-overview"]!, { filter: "contact", q: word.toUpperCase(), limit: "50" });
    expect(res.status).toBe(200);
    expect(res.json.options.map((o) => o.value).sort()).toEqual(expected.slice(0, 50).map((o) => o.value).sort());
    expect(res.json.options.every((o) => o.label.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    const labels = res.json.options.map((o) => o.label.toLowerCase());
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b)));
  });

  it("reaches contacts beyond the ones the dashboard loads, and honours the limit", async () => {
    const id = ids["financial-overview"]!;
    const dashboard = await finance.call<{ aging: { byContact: { rows: { contactId: string }[] } } }>(getData, `/api/dashboards/${id}/data`, { params: { id } });
    const loaded = new Set(dashboard.json.aging.byContact.rows.map((r) => r.contactId));
    const beyond = data.contacts.externalId.findIndex((contactId) => !loaded.has(contactId));
    expect(beyond).toBeGreaterThanOrEqual(0);
    const name = data.contacts.name[beyond]!;
    const res = await search(finance, id, { filter: "contact", q: name });
    expect(res.json.options).toContainEqual({ value: data.contacts.externalId[beyond], label: name });
    const limited = await search(finance, ids["financial-overview"]!, { filter: "contact", limit: "5" });
    expect(limited.json.options).toHaveLength(5);
  });

  it("matches what is typed literally: % and _ are not wildcards", async () => {
    const res = await search(finance, ids["financial-overview"]!, { filter: "contact", q: "%" });
    expect(res.status).toBe(200);
    expect(res.json.options).toEqual([]);
  });

  it("searches clients and staff on the Practice dashboard, for staff too", async () => {
    const staffName = data.staff.name[0]!;
    const res = await search(staff, ids.practice!, { filter: "staff", q: staffName });
    expect(res.status).toBe(200);
    expect(res.json.options.map((o) => o.label)).toContain(staffName);
    const client = data.clients.name[0]!;
    expect((await search(staff, ids.practice!, { filter: "client", q: client })).json.options.map((o) => o.label)).toContain(client);
  });

  it("refuses a filter the dashboard does not have, a dashboard the caller may not open, and bad input", async () => {
    const wrong = await search(finance, ids.practice!, { filter: "contact", q: "a" });
    expect(wrong.status).toBe(422);
    expect(wrong.json).toMatchObject({ code: "VALIDATION_FAILED" });
    // Staff may not open the Financial overview.
    expect((await search(staff, ids["financial-overview"]!, { filter: "contact", q: "a" })).status).toBe(403);
    // Another organization's dashboard is not found, and nothing of it leaks.
    expect((await search(finance, ids.other!, { filter: "contact", q: "a" })).status).toBe(404);
    expect((await search(outsider, ids["financial-overview"]!, { filter: "contact", q: "a" })).status).toBe(404);
    for (const query of [{ filter: "supplier" } as Record<string, string>, { filter: "contact", limit: "500" }, { filter: "contact", q: "x".repeat(101) }, { filter: "contact", extra: "1" }]) {
      const res = await search(finance, ids["financial-overview"]!, query);
      expect(res.status, JSON.stringify(query)).toBe(422);
      expect(res.json).toMatchObject({ code: "VALIDATION_FAILED" });
    }
  });
});
