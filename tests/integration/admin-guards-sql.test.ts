/**
 * The membership guards at the SQL level: the app_private functions called directly as each kind of
 * caller (as PostgREST would let a client call them), and the deferred last-admin constraint.
 */
import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Claims, Tx } from "@/server/db";
import { sql, type SqlQuery } from "@/server/db/sql";
import { asUserOn } from "@/server/db/transactions";
import { setupTestDatabase } from "../helpers/test-db";
import { addMember, createOrg, createOrgWithMembers, createUser } from "../helpers/fixtures";

const db = setupTestDatabase();
const as = <T,>(claims: Claims, fn: (tx: Tx) => Promise<T>) => asUserOn(db.engine(), claims, fn);
const run = (q: SqlQuery) => db.engine().transaction((tx) => tx.query(q));

/** The Postgres error a call raises: its hint (our error code) or SQLSTATE. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as { hint?: string; code?: string };
    return e.hint ?? e.code ?? String(error);
  }
  return "allowed";
}

describe("membership guards in the database", () => {
  let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let other: Awaited<ReturnType<typeof createOrgWithMembers>>;
  beforeAll(async () => {
    org = await createOrgWithMembers(db.engine(), "sql-guards");
    other = await createOrgWithMembers(db.engine(), "sql-guards-other");
  });
  const role = (userId: string) => run(sql`select role from public.org_members where org_id = ${org.org.id} and user_id = ${userId}`);
  const changeRole = (caller: Claims, userId: string, newRole: string) =>
    as(caller, (tx) => tx.query(sql`select 1 from app_private.change_member_role(${org.org.id}::uuid, ${userId}::uuid, ${newRole})`));

  it("needs members.manage in that organization; outsiders get NOT_FOUND", async () => {
    for (const r of ["finance", "operator", "staff"] as const) {
      expect(await refusal(changeRole(org.members[r].claims, org.members.staff.id, "staff"))).toBe("FORBIDDEN");
    }
    expect(await refusal(changeRole(other.members.admin.claims, org.members.staff.id, "admin"))).toBe("NOT_FOUND");
    expect(await refusal(as(other.members.admin.claims, (tx) => tx.query(sql`select app_private.remove_member(${org.org.id}::uuid, ${org.members.staff.id}::uuid)`)))).toBe("NOT_FOUND");
  });

  it("rank rules: a non-admin manages only lower ranks and assigns only lower roles; admins assign any", async () => {
    const exec = org.members.executive.claims;
    expect(await refusal(changeRole(exec, org.members.admin.id, "staff"))).toBe("FORBIDDEN");
    expect(await refusal(changeRole(exec, org.members.staff.id, "executive"))).toBe("FORBIDDEN");
    expect(await refusal(changeRole(exec, org.members.staff.id, "admin"))).toBe("FORBIDDEN");
    expect(await refusal(as(exec, (tx) => tx.query(sql`select 1 from app_private.set_member_status(${org.org.id}::uuid, ${org.members.admin.id}::uuid, 'deactivated')`)))).toBe("FORBIDDEN");
    expect(await refusal(changeRole(exec, org.members.staff.id, "owner"))).toBe("VALIDATION_FAILED");
    expect(await refusal(changeRole(exec, org.members.operator.id, "finance"))).toBe("allowed");
    expect(await role(org.members.operator.id)).toEqual([{ role: "finance" }]);
    expect(await refusal(changeRole(org.members.admin.claims, org.members.operator.id, "operator"))).toBe("allowed");
  });

  it("no self-escalation, even for a manager", async () => {
    expect(await refusal(changeRole(org.members.executive.claims, org.members.executive.id, "admin"))).toBe("FORBIDDEN");
    expect(await role(org.members.executive.id)).toEqual([{ role: "executive" }]);
  });

  it("the function writes its audit event in the same transaction: a rollback leaves neither", async () => {
    const before = await run(sql`select count(*)::int as n from public.audit_events where org_id = ${org.org.id}`);
    const failed = await refusal(
      as(org.members.admin.claims, async (tx) => {
        await tx.query(sql`select 1 from app_private.change_member_role(${org.org.id}::uuid, ${org.members.staff.id}::uuid, 'finance')`);
        throw new Error("rolled back after the change");
      }),
    );
    expect(failed).toBe("Error: rolled back after the change");
    expect(await role(org.members.staff.id)).toEqual([{ role: "staff" }]);
    expect(await run(sql`select count(*)::int as n from public.audit_events where org_id = ${org.org.id}`)).toEqual(before);
  });

  it("last-admin guard in the functions, and a deferred constraint no path can bypass", async () => {
    const solo = await createOrg(db.engine(), "sql-solo");
    const admin = await createUser(db.engine());
    await addMember(db.engine(), solo.id, admin.id, "admin");
    const call = (fn: string) =>
      as(admin.claims, (tx) =>
        fn === "role" ? tx.query(sql`select 1 from app_private.change_member_role(${solo.id}::uuid, ${admin.id}::uuid, 'staff')`)
        : fn === "status" ? tx.query(sql`select 1 from app_private.set_member_status(${solo.id}::uuid, ${admin.id}::uuid, 'deactivated')`)
        : tx.query(sql`select app_private.remove_member(${solo.id}::uuid, ${admin.id}::uuid)`));
    for (const fn of ["role", "status", "remove"]) expect(await refusal(call(fn))).toBe("CONFLICT");
    // Even the connection role (migrations, scripts) cannot leave the organization without an admin...
    expect(await refusal(run(sql`update public.org_members set role = 'staff' where org_id = ${solo.id}`))).toBe("CONFLICT");
    expect(await refusal(run(sql`delete from public.org_members where org_id = ${solo.id}`))).toBe("CONFLICT");
    // ...but deleting the organization itself takes its members with it.
    expect(await refusal(run(sql`delete from public.organizations where id = ${solo.id}`))).toBe("allowed");
  });

  it("no direct writes to memberships or invitations for API users; audit events stay append-only for admins", async () => {
    const admin = org.members.admin.claims;
    expect(await refusal(as(admin, (tx) => tx.query(sql`update public.org_members set role = 'admin' where user_id = ${org.members.staff.id}`)))).toBe("42501");
    expect(await refusal(as(admin, (tx) => tx.query(sql`delete from public.org_members where user_id = ${org.members.staff.id}`)))).toBe("42501");
    expect(await refusal(as(admin, (tx) => tx.query(sql`update public.org_invitations set role = 'admin'`)))).toBe("42501");
    expect(await refusal(as(admin, (tx) => tx.query(sql`select token_hash from public.org_invitations`)))).toBe("42501");
    expect(await refusal(as(admin, (tx) => tx.query(sql`update public.audit_events set action = 'auth.logout'`)))).toBe("42501");
    expect(await refusal(as(admin, (tx) => tx.query(sql`delete from public.audit_events`)))).toBe("42501");
    expect(await refusal(run(sql`delete from public.audit_events`))).toBe("42501");
  });

  it("accept_invitation checks the email and creates one membership under concurrent calls", async () => {
    const invitee = await createUser(db.engine(), "sql-invitee@example.test");
    const token = randomBytes(32).toString("base64url");
    const hash = createHash("sha256").update(token).digest("hex");
    await as(org.members.admin.claims, (tx) =>
      tx.query(sql`select 1 from app_private.create_invitation(${org.org.id}::uuid, 'SQL-Invitee@example.test', 'staff', ${hash}, now() + interval '1 day')`));
    const accept = (claims: Claims) => as(claims, (tx) => tx.query(sql`select 1 from app_private.accept_invitation(${hash})`));
    expect(await refusal(accept(other.members.staff.claims))).toBe("INVITE_EMAIL_MISMATCH");
    expect(await refusal(as(invitee.claims, (tx) => tx.query(sql`select 1 from app_private.accept_invitation(${"0".repeat(64)})`)))).toBe("INVALID_TOKEN");
    const outcomes = await Promise.all([accept(invitee.claims), accept(invitee.claims), accept(invitee.claims)].map(refusal));
    expect(outcomes.sort()).toEqual(["INVITE_ACCEPTED", "INVITE_ACCEPTED", "allowed"]);
    expect(await run(sql`select role from public.org_members where user_id = ${invitee.id}`)).toEqual([{ role: "staff" }]);
  });
});
