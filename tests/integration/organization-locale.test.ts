/**
 * The organization's locale (numbers and dates): follows the time zone until an admin chooses one in
 * Settings › Organization (PATCH /api/organization), the change is audited, a locale outside the
 * list is refused and changes nothing, and only org.manage may change it. The list in
 * src/lib/org-locale.ts is the database constraint's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getOrganization, PATCH as patchOrganization } from "@/app/api/organization/route";
import { asUser, sql } from "@/server/db";
import { resolveOrg } from "@/server/orgs/resolve-org";
import { ORG_LOCALES, effectiveLocale, localeForTimezone } from "@/lib/org-locale";
import { createOrgWithMembers } from "../helpers/fixtures";
import type { TestClient } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();

describe("organization locale", () => {
  let world: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let admin: TestClient;
  let finance: TestClient;
  const headers = () => ({ "x-org-id": world.org.slug });

  beforeAll(async () => {
    world = await createOrgWithMembers(db.engine(), "locale");
    await db.asOwner((tx) => tx.query(sql`update public.organizations set timezone = 'Pacific/Auckland' where id = ${world.org.id}`));
    admin = await signIn(world.members.admin.email);
    finance = await signIn(world.members.finance.email);
  });

  const localeOf = () => asUser(world.members.staff.claims, async (tx) => (await resolveOrg(tx, world.org.slug)).locale);

  it("follows the time zone until one is chosen", async () => {
    const res = await admin.call<{ locale: string | null }>(getOrganization, "/api/organization", { headers: headers() });
    expect(res.json.locale).toBeNull();
    expect(await localeOf()).toBe("en-NZ");
    expect(localeForTimezone("America/New_York")).toBe("en-US");
    expect(localeForTimezone("Europe/London")).toBe("en-GB");
    expect(localeForTimezone("Antarctica/Troll")).toBe("en-GB");
    expect(effectiveLocale("xx-XX", "Australia/Sydney")).toBe("en-AU");
  });

  it("an admin chooses one; the change is audited; null goes back to the time zone's", async () => {
    const res = await admin.call<{ locale: string | null; name: string }>(patchOrganization, "/api/organization", { method: "PATCH", headers: headers(), body: { locale: "en-US" } });
    expect(res.status).toBe(200);
    expect(res.json.locale).toBe("en-US");
    expect(await localeOf()).toBe("en-US");
    const audit = await db.asOwner((tx) =>
      tx.query<{ metadata: { changed: Record<string, unknown> } }>(sql`select metadata from public.audit_events where org_id = ${world.org.id} and action = 'org.updated' order by id`));
    expect(audit.at(-1)!.metadata.changed).toEqual({ locale: { from: null, to: "en-US" } });

    // Another field alone keeps the locale.
    await admin.call(patchOrganization, "/api/organization", { method: "PATCH", headers: headers(), body: { name: "Locale Org" } });
    expect(await localeOf()).toBe("en-US");

    const back = await admin.call<{ locale: string | null }>(patchOrganization, "/api/organization", { method: "PATCH", headers: headers(), body: { locale: null } });
    expect(back.json.locale).toBeNull();
    expect(await localeOf()).toBe("en-NZ");
  });

  it("refuses a locale outside the list and changes nothing", async () => {
    const res = await admin.call<{ code: string; details: Record<string, string[]> }>(patchOrganization, "/api/organization", { method: "PATCH", headers: headers(), body: { locale: "tlh-KL" } });
    expect(res.status).toBe(422);
    expect(res.json.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(res.json.details)).toEqual(["locale"]);
    expect(await localeOf()).toBe("en-NZ");
  });

  it("only org.manage may change it", async () => {
    const res = await finance.call(patchOrganization, "/api/organization", { method: "PATCH", headers: headers(), body: { locale: "en-GB" } });
    expect(res.status).toBe(403);
    expect(await localeOf()).toBe("en-NZ");
  });

  it("the database accepts exactly the locales the app lists", async () => {
    const row = await db.asOwner((tx) =>
      tx.one<{ def: string }>(sql`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'organizations_locale_known'`));
    const listed = [...row.def.matchAll(/'([a-z]{2}-[A-Z]{2})'/g)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...ORG_LOCALES].sort());
  });
});
