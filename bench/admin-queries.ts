import { randomUUID } from "node:crypto";
import type { Engine } from "@/server/db";
import { sql } from "@/server/db";
import { asServiceOn, asUserOn, type Claims } from "@/server/db/transactions";
import { migrate } from "@/server/db/migrate";
import { listAuditEvents } from "@/server/audit/list-audit-events";
import { listMembers } from "@/server/members/list-members";
import { provisionMembership } from "@/server/orgs/provision-membership";
import { provisionOrganization } from "@/server/orgs/provision-organization";
import { provisionUser } from "@/server/orgs/provision-user";
import { recordFigure } from "./record-figure";
import { percentile, round, timeInterleaved, writeResult } from "./stats";

const MEMBERS = Number(process.env.BENCH_ADMIN_MEMBERS ?? 5_000);
const EVENTS = Number(process.env.BENCH_ADMIN_EVENTS ?? 200_000);
const RUNS = 15;

/**
 * The admin pages' queries as an admin (RLS, policy helpers) against the same query as the service
 * role (the floor), in one run: a filtered, searched page of MEMBERS members, and a filtered page of
 * EVENTS audit events; and a guarded role change (permission, rank, last-admin checks and the audit
 * event in the database function) against a bare UPDATE of the same row.
 */
export async function benchAdminQueries(engine: Engine, label: string): Promise<void> {
  await migrate(engine, { localBootstrap: true });
  const { orgId, claims, targetId } = await engine.transaction(async (tx) => {
    const orgId = await provisionOrganization(tx, { slug: `bench-admin-${randomUUID().slice(0, 8)}`, name: "Bench" });
    const email = `bench-admin-${randomUUID().slice(0, 8)}@example.test`;
    const adminId = await provisionUser(tx, { email, password: "bench-password" });
    await provisionMembership(tx, orgId, adminId, "admin");
    // Members without bcrypt (cost 10 per user would dominate the set-up): rows straight into auth.users.
    await tx.query(sql`
      with created as (
        insert into auth.users (email, encrypted_password, raw_user_meta_data, confirmation_token, recovery_token, email_change_token_new, email_change)
        select 'member' || i || '@bench.test', '', jsonb_build_object('full_name', 'Member ' || i), '', '', '', ''
        from generate_series(1, ${MEMBERS}) as i
        returning id, email)
      insert into public.org_members (org_id, user_id, role)
      select ${orgId}, id, (array['executive','finance','operator','staff'])[1 + (hashtext(email) & 3)] from created`);
    await tx.query(sql`
      insert into public.audit_events (org_id, actor_user_id, actor_type, action, metadata, created_at)
      select ${orgId}, ${adminId}, 'user',
             (array['member.invited','member.role_changed','auth.login_succeeded','org.updated'])[1 + i % 4],
             '{}'::jsonb, now() - make_interval(mins => i % 100000)
      from generate_series(1, ${EVENTS}) as i`);
    await tx.query(sql`analyze public.org_members`);
    await tx.query(sql`analyze public.user_profiles`);
    await tx.query(sql`analyze public.audit_events`);
    const target = await tx.one<{ user_id: string }>(sql`select user_id from public.org_members where org_id = ${orgId} and role = 'staff' limit 1`);
    // Signed in with two-factor (aal2): organizations require it of admins before a guarded change.
    const claims: Claims = { sub: adminId, email, role: "authenticated", aud: "authenticated", session_id: randomUUID(), aal: "aal2" };
    return { orgId, claims, targetId: target.user_id };
  });

  const membersQuery = { search: "member1", role: "staff" as const, page: 1, pageSize: 25 };
  const auditQuery = { action: "member.role_changed" as const, page: 2, pageSize: 50 };
  const [membersAsAdmin = [], membersFloor = [], auditAsAdmin = [], auditFloor = []] = await timeInterleaved(
    [
      () => asUserOn(engine, claims, (tx) => listMembers(tx, orgId, membersQuery)),
      () => asServiceOn(engine, (tx) => listMembers(tx, orgId, membersQuery)),
      () => asUserOn(engine, claims, (tx) => listAuditEvents(tx, orgId, auditQuery)),
      () => asServiceOn(engine, (tx) => listAuditEvents(tx, orgId, auditQuery)),
    ],
    RUNS,
  );
  let flip = false;
  const [guarded = [], bare = []] = await timeInterleaved(
    [
      () => asUserOn(engine, claims, (tx) => tx.query(sql`select 1 from app_private.change_member_role(${orgId}::uuid, ${targetId}::uuid, ${(flip = !flip) ? "finance" : "staff"})`)),
      () => engine.transaction((tx) => tx.query(sql`update public.org_members set role = ${flip ? "operator" : "staff"} where org_id = ${orgId} and user_id = ${targetId}`)),
    ],
    RUNS,
  );
  const pair = (measured: number[], floor: number[]) => ({
    ms: { p50: round(percentile(measured, 50)), p95: round(percentile(measured, 95)) },
    floorMs: { p50: round(percentile(floor, 50)), p95: round(percentile(floor, 95)) },
    ratio: round(percentile(measured, 50) / percentile(floor, 50)),
  });
  const engineLabel = label as "pglite" | "postgres";
  recordFigure({ name: `Users page at ${MEMBERS} members, admin vs service role (p50)`, engine: engineLabel, value: percentile(membersAsAdmin, 50), floor: percentile(membersFloor, 50), unit: "ms", target: { ratioMax: 1.3 } });
  recordFigure({ name: `Audit page at ${EVENTS} events, admin vs service role (p50)`, engine: engineLabel, value: percentile(auditAsAdmin, 50), floor: percentile(auditFloor, 50), unit: "ms", target: { ratioMax: 1.3 } });
  await writeResult(`admin-queries-${label}`, {
    engine: label,
    members: MEMBERS,
    auditEvents: EVENTS,
    runs: RUNS,
    membersPageAsAdminVsServiceRole: pair(membersAsAdmin, membersFloor),
    auditPageAsAdminVsServiceRole: pair(auditAsAdmin, auditFloor),
    guardedRoleChangeVsBareUpdate: pair(guarded, bare),
    target: "page ratios <= 1.3; the guarded change stays a few milliseconds",
  });
}
