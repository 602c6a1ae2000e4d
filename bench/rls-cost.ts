import { randomUUID } from "node:crypto";
import type { Engine } from "@/server/db";
import { sql } from "@/server/db";
import { asServiceOn, asUserOn, type Claims } from "@/server/db/transactions";
import { migrate } from "@/server/db/migrate";
import { provisionMembership } from "@/server/orgs/provision-membership";
import { provisionOrganization } from "@/server/orgs/provision-organization";
import { provisionUser } from "@/server/orgs/provision-user";
import { recordFigure } from "./record-figure";
import { percentile, round, timeInterleaved, writeResult } from "./stats";

const ROWS = Number(process.env.BENCH_RLS_ROWS ?? 1_000_000);
const RUNS = 9;

/**
 * The cost of row-level security: one org-scoped aggregate over ROWS audit events, as an
 * authenticated member (policies, helper functions) and as the service role (RLS bypassed) — the
 * floor — on the same engine, data and plan, in the same run.
 */
export async function benchRlsCost(engine: Engine, label: string): Promise<void> {
  await migrate(engine, { localBootstrap: true });
  const { orgId, claims } = await engine.transaction(async (tx) => {
    const orgId = await provisionOrganization(tx, { slug: `bench-${randomUUID().slice(0, 8)}`, name: "Bench" });
    const other = await provisionOrganization(tx, { slug: `bench-other-${randomUUID().slice(0, 8)}`, name: "Other" });
    const email = `bench-${randomUUID().slice(0, 8)}@example.test`;
    const userId = await provisionUser(tx, { email, password: "bench-password" });
    await provisionMembership(tx, orgId, userId, "admin");
    // ROWS events in the benchmarked organization and a tenth as many elsewhere.
    for (const [target, count] of [[orgId, ROWS], [other, Math.round(ROWS / 10)]] as const) {
      await tx.query(sql`
        insert into public.audit_events (org_id, actor_type, action, metadata, created_at)
        select ${target}, 'system',
               (array['auth.login_succeeded','auth.login_failed','auth.logout','auth.password_changed'])[1 + i % 4],
               '{}'::jsonb, now() - make_interval(mins => i % 100000)
        from generate_series(1, ${count}) as i`);
    }
    await tx.query(sql`analyze public.audit_events`);
    const claims: Claims = { sub: userId, email, role: "authenticated", aud: "authenticated", session_id: randomUUID() };
    return { orgId, claims };
  });

  const aggregate = sql`
    select action, count(*)::int8 as n, max(created_at) as latest
    from public.audit_events where org_id = ${orgId} group by action`;
  const check = await asUserOn(engine, claims, (tx) => tx.query<{ n: number }>(aggregate));
  if (check.reduce((sum, r) => sum + r.n, 0) !== ROWS) throw new Error("the member's aggregate does not cover every row");

  const [member = [], service = []] = await timeInterleaved(
    [() => asUserOn(engine, claims, (tx) => tx.query(aggregate)), () => asServiceOn(engine, (tx) => tx.query(aggregate))],
    RUNS,
  );
  // PostgreSQL may run the service-role floor with parallel workers, which the member's plan (its
  // policy helpers are parallel-unsafe) cannot use; the same pair without parallelism isolates the
  // per-row cost of the policies themselves.
  const serial = sql`select set_config('max_parallel_workers_per_gather', '0', true)`;
  const [memberSerial = [], serviceSerial = []] = await timeInterleaved(
    [
      () => asUserOn(engine, claims, async (tx) => (await tx.query(serial), tx.query(aggregate))),
      () => asServiceOn(engine, async (tx) => (await tx.query(serial), tx.query(aggregate))),
    ],
    RUNS,
  );
  const p50Member = percentile(member, 50);
  const p50Service = percentile(service, 50);
  recordFigure({ name: `RLS aggregate over ${ROWS} rows, member vs service role (p50)`, engine: label as "pglite" | "postgres", value: p50Member, floor: p50Service, unit: "ms", target: { ratioMax: 1.3 } });
  await writeResult(`rls-cost-${label}`, {
    engine: label,
    rows: ROWS,
    runs: RUNS,
    memberMs: { p50: round(p50Member), p95: round(percentile(member, 95)) },
    serviceRoleFloorMs: { p50: round(p50Service), p95: round(percentile(service, 95)) },
    ratio: round(p50Member / p50Service),
    withoutParallelQuery: {
      memberMs: round(percentile(memberSerial, 50)),
      serviceRoleFloorMs: round(percentile(serviceSerial, 50)),
      ratio: round(percentile(memberSerial, 50) / percentile(serviceSerial, 50)),
    },
    target: "ratio <= 1.3",
  });
}
