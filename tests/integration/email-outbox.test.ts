/**
 * Mail kept in the outbox (no provider configured) is not lost: an organization's admins read its
 * messages (invitations, role changes) through GET /api/email/outbox, and the production flag tells
 * Settings › Users to warn. Nobody reads another organization's messages or a user's password reset.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { POST as requestReset } from "@/app/api/auth/password-reset/route";
import { GET as outbox } from "@/app/api/email/outbox/route";
import { POST as invite } from "@/app/api/users/invite/route";
import { PATCH as patchUser } from "@/app/api/users/[userId]/route";
import { reloadConfig } from "@/server/config";
import { listOutbox } from "@/server/email/send-email";
import { asUser } from "@/server/db";
import { sql } from "@/server/db/sql";
import type { OrgOutboxView } from "@/lib/outbox-views";
import { setupTestDatabase } from "../helpers/test-db";
import { addMember, createOrgWithMembers } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";

const db = setupTestDatabase();

describe("the organization's outbox", () => {
  let acme: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let globex: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let acmeAdmin: TestClient;
  let globexAdmin: TestClient;

  beforeAll(async () => {
    acme = await createOrgWithMembers(db.engine(), "acme-outbox");
    globex = await createOrgWithMembers(db.engine(), "globex-outbox");
    // The staff member of acme is in globex too: still, globex's admins never see acme's mail about them.
    await addMember(db.engine(), globex.org.id, acme.members.staff.id, "staff");
    acmeAdmin = await signIn(acme.members.admin.email);
    globexAdmin = await signIn(globex.members.admin.email);
  });

  it("shows an admin the invitation with its link, and a role change, newest first", async () => {
    const headers = { "x-org-id": acme.org.slug };
    expect((await acmeAdmin.call(invite, "/api/users/invite", { body: { email: "newcomer@example.test", role: "finance" }, headers })).status).toBe(201);
    expect(
      (await acmeAdmin.call(patchUser, "/api/users/x", { method: "PATCH", params: { userId: acme.members.staff.id }, body: { role: "operator" }, headers })).status,
    ).toBe(200);
    const res = await acmeAdmin.call<OrgOutboxView>(outbox, "/api/email/outbox", { headers });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ transport: "outbox", held: false });
    expect(res.json.messages.map((m) => [m.template, m.to])).toEqual([
      ["role-changed", acme.members.staff.email],
      ["invitation", "newcomer@example.test"],
    ]);
    expect(res.json.messages[1]!.text).toMatch(/http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]{43}/);
    expect(res.json.messages[1]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("never shows one organization's mail to another's admin, nor anyone's password reset", async () => {
    await new TestClient().call(requestReset, "/api/auth/password-reset", { body: { email: acme.members.staff.email } });
    expect((await listOutbox({ to: acme.members.staff.email })).map((m) => m.template)).toContain("password-reset");
    const mine = await globexAdmin.call<OrgOutboxView>(outbox, "/api/email/outbox", { headers: { "x-org-id": globex.org.slug } });
    expect(mine.status).toBe(200);
    expect(mine.json.messages).toEqual([]);
    const theirs = await globexAdmin.call(outbox, "/api/email/outbox", { headers: { "x-org-id": acme.org.slug } });
    expect(theirs.status).toBe(404);
    const acmeMail = await acmeAdmin.call<OrgOutboxView>(outbox, "/api/email/outbox", { headers: { "x-org-id": acme.org.slug } });
    expect(acmeMail.json.messages.map((m) => m.template)).not.toContain("password-reset");
  });

  it("the database refuses the outbox to anyone but the organization's admins", async () => {
    for (const role of ["executive", "staff"] as const) {
      await expect(
        asUser(acme.members[role].claims, (tx) => tx.query(sql`select * from app_private.org_outbox(${acme.org.id}::uuid, 20)`)),
      ).rejects.toMatchObject({ code: "42501" });
    }
    await expect(
      asUser(globex.members.admin.claims, (tx) => tx.query(sql`select * from app_private.org_outbox(${acme.org.id}::uuid, 20)`)),
    ).rejects.toMatchObject({ code: "42501" });
  });

  it("says the mail is held when a production build has no provider", async () => {
    const saved = process.env.NODE_ENV;
    (process.env as Record<string, string>).NODE_ENV = "production";
    reloadConfig();
    try {
      const res = await acmeAdmin.call<OrgOutboxView>(outbox, "/api/email/outbox", { headers: { "x-org-id": acme.org.slug } });
      expect(res.json).toMatchObject({ transport: "outbox", held: true });
    } finally {
      (process.env as Record<string, string | undefined>).NODE_ENV = saved;
      reloadConfig();
    }
  });
});
