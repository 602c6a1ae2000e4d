import { asService, sql, type RequestMeta } from "@/server/db";

export type SignInAction = "auth.login_succeeded" | "auth.login_failed" | "auth.login_locked";

/**
 * A sign-in attempt, written to the audit log of every organization the account belongs to at
 * that moment (active or deactivated membership): one row per organization. An address that
 * matches no account, or an account in no organization, gets a single row with no organization,
 * which no organization's log shows.
 *
 * Why fan-out at sign-in time rather than one row joined to memberships by RLS: an audit log is
 * history, so it must show what was true when the event happened. With a join on current
 * memberships, an organization a user joins later would see their earlier sign-ins (made while
 * they belonged only to others), and an organization they leave would lose its record of them.
 * Fan-out also keeps the audit policy the plain `org_id = any(…)` every other table uses. The cost
 * is one row per organization per attempt, for the few organizations one person belongs to.
 *
 * Successes name the user as the actor; failures and lockouts have no authenticated actor, so
 * the account is their target. The address tried is in the metadata either way.
 */
export async function recordSignInEvent(event: { action: SignInAction; email: string; userId?: string | null; meta?: RequestMeta }): Promise<void> {
  const email = event.email.trim().toLowerCase();
  const succeeded = event.action === "auth.login_succeeded";
  await asService(
    (tx) =>
      tx.query(sql`
        with account as (
          ${event.userId
            ? sql`select ${event.userId}::uuid as user_id`
            : sql`select p.user_id from public.user_profiles p where lower(p.email) = ${email} limit 1`}
        ), orgs as (
          select m.org_id from public.org_members m where m.user_id = (select user_id from account)
        ), targets as (
          select org_id from orgs
          union all
          select null::uuid where not exists (select 1 from orgs)
        )
        insert into public.audit_events
          (org_id, actor_user_id, actor_type, action, target_type, target_id, metadata, ip, user_agent, request_id)
        select t.org_id,
               ${succeeded ? sql`(select user_id from account)` : sql`null::uuid`},
               ${succeeded ? "user" : "anonymous"},
               ${event.action},
               ${succeeded ? sql`null` : sql`case when (select user_id from account) is not null then 'user' end`},
               ${succeeded ? sql`null` : sql`(select user_id from account)::text`},
               ${JSON.stringify({ email })}::jsonb,
               ${event.meta?.ip ?? null}::inet, ${event.meta?.userAgent ?? null}, ${event.meta?.requestId ?? null}
        from targets t`),
    event.meta,
  );
}
