/**
 * The TypeScript mirrors of SQL vocabularies stay equal to the schema (DESIGN §4–§5), and the
 * membership helpers every policy relies on answer correctly for each role, anon and deactivated users.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Engine, Tx } from "@/server/db";
import { sql } from "@/server/db/sql";
import { asAnonOn, asUserOn } from "@/server/db/transactions";
import { AUDIT_ACTIONS } from "@/lib/audit-actions";
import { PERMISSIONS, ROLE_PERMISSIONS, ROLE_RANK, ROLES, type Role } from "@/lib/permissions";
import { ROLE_LABELS } from "@/lib/role-labels";
import { setupTestDatabase } from "../helpers/test-db";
import { addMember, createOrg, createOrgWithMembers, createUser, type TestUser } from "../helpers/fixtures";

const db = setupTestDatabase();
const { asOwner } = db;
const sorted = (values: Iterable<string>) => [...values].sort();

describe("TypeScript mirrors of the SQL vocabularies", () => {
  it("ROLE_RANK equals public.roles (both directions)", async () => {
    const rows = await asOwner((tx) => tx.query<{ role: string; rank: number }>(sql`select role, rank from public.roles`));
    expect(Object.fromEntries(rows.map((r) => [r.role, r.rank]))).toEqual(ROLE_RANK);
    expect(sorted(rows.map((r) => r.role))).toEqual(sorted(ROLES));
  });

  it("ROLE_LABELS equals public.roles' labels", async () => {
    const rows = await asOwner((tx) => tx.query<{ role: string; label: string }>(sql`select role, label from public.roles`));
    expect(Object.fromEntries(rows.map((r) => [r.role, r.label]))).toEqual(ROLE_LABELS);
  });

  it("ROLE_PERMISSIONS equals public.role_permissions (both directions)", async () => {
    const rows = await asOwner((tx) =>
      tx.query<{ pair: string }>(sql`select role || ' ' || permission as pair from public.role_permissions`),
    );
    const inSql = new Set(rows.map((r) => r.pair));
    const inTs = new Set(ROLES.flatMap((role) => ROLE_PERMISSIONS[role].map((p) => `${role} ${p}`)));
    expect(sorted([...inTs].filter((p) => !inSql.has(p))), "in ROLE_PERMISSIONS but not in SQL").toEqual([]);
    expect(sorted([...inSql].filter((p) => !inTs.has(p))), "in SQL but not in ROLE_PERMISSIONS").toEqual([]);
    expect(inSql.size).toBe(rows.length);
  });

  it("PERMISSIONS lists exactly the permissions used in SQL", async () => {
    const rows = await asOwner((tx) => tx.query<{ permission: string }>(sql`select distinct permission from public.role_permissions`));
    expect(sorted(rows.map((r) => r.permission))).toEqual(sorted(PERMISSIONS));
  });

  it("AUDIT_ACTIONS equals public.audit_actions (both directions)", async () => {
    const rows = await asOwner((tx) => tx.query<{ action: string }>(sql`select action from public.audit_actions`));
    expect(sorted(rows.map((r) => r.action))).toEqual(sorted(AUDIT_ACTIONS));
  });
});

// ---- app_private.current_user_org_ids() / current_user_org_ids_with(p) -------------------------------

interface Answer {
  all: string[];
  byPermission: Record<string, string[]>;
}

/** Both helpers' answers for one caller, in one transaction (for a signed-in user or anon). */
async function helperAnswers(engine: Engine, user: TestUser | null): Promise<Answer> {
  const ask = async (tx: Tx): Promise<Answer> => {
    const ids = (rows: { id: string }[]) => sorted(rows.map((r) => r.id));
    const all = ids(await tx.query<{ id: string }>(sql`select id from app_private.current_user_org_ids() id`));
    const byPermission: Record<string, string[]> = {};
    for (const p of PERMISSIONS) {
      byPermission[p] = ids(await tx.query<{ id: string }>(sql`select id from app_private.current_user_org_ids_with(${p}) id`));
    }
    return { all, byPermission };
  };
  return user ? asUserOn(engine, user.claims, ask) : asAnonOn(engine, ask);
}

/** What the helpers must answer for a user who is an active member of `orgs` with these roles. */
function expected(memberships: { orgId: string; role: Role }[]): Answer {
  const byPermission = Object.fromEntries(
    PERMISSIONS.map((p) => [p, sorted(memberships.filter((m) => ROLE_PERMISSIONS[m.role].includes(p)).map((m) => m.orgId))]),
  );
  return { all: sorted(memberships.map((m) => m.orgId)), byPermission };
}

describe("membership helpers", () => {
  let A: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let B: Awaited<ReturnType<typeof createOrg>>;

  beforeAll(async () => {
    A = await createOrgWithMembers(db.engine());
    B = await createOrg(db.engine());
  });

  it.each(ROLES)("an active %s of one org gets that org, and it only for the role's permissions", async (role) => {
    const answer = await helperAnswers(db.engine(), A.members[role]);
    expect(answer).toEqual(expected([{ orgId: A.org.id, role }]));
  });

  it("a member of two orgs gets each org for the permissions of the role held there", async () => {
    const user = await createUser(db.engine());
    await addMember(db.engine(), A.org.id, user.id, "staff");
    await addMember(db.engine(), B.id, user.id, "admin");
    const answer = await helperAnswers(db.engine(), user);
    expect(answer).toEqual(expected([{ orgId: A.org.id, role: "staff" }, { orgId: B.id, role: "admin" }]));
    expect(answer.byPermission["org.manage"]).toEqual([B.id]);
  });

  it("a signed-in user without memberships gets nothing", async () => {
    const answer = await helperAnswers(db.engine(), await createUser(db.engine()));
    expect(answer).toEqual(expected([]));
  });

  it("anon gets nothing (the helpers are not even executable for anon)", async () => {
    const outcome = await helperAnswers(db.engine(), null).then(
      (answer) => ({ denied: false, answer }),
      (error: { code?: string }) => ({ denied: true, code: error.code }),
    );
    if (outcome.denied) expect(outcome).toEqual({ denied: true, code: "42501" });
    else expect(outcome).toEqual({ denied: false, answer: expected([]) });
  });

  it("a deactivated member gets nothing, for every permission", async () => {
    const user = await createUser(db.engine());
    await addMember(db.engine(), A.org.id, user.id, "admin");
    expect(await helperAnswers(db.engine(), user)).toEqual(expected([{ orgId: A.org.id, role: "admin" }]));

    await asOwner((tx) =>
      tx.query(sql`update public.org_members set status = 'deactivated' where org_id = ${A.org.id} and user_id = ${user.id}`),
    );
    expect(await helperAnswers(db.engine(), user)).toEqual(expected([]));
  });
});
