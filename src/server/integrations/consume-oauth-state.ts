import { sql, type Tx } from "@/server/db";
import type { IntegrationProviderName } from "@/lib/integration-schemas";
import { AppError } from "@/server/http/app-error";

export interface ConsumedOAuthState {
  orgId: string;
  orgSlug: string;
  provider: IntegrationProviderName;
}

const restart = "Start again from Settings › Integrations.";

/**
 * Marks a `state` used, once: it must be the caller's, unused and unexpired (RLS also requires
 * integrations.manage in its organization still). The single conditional update makes a replayed
 * callback lose the race instead of connecting twice.
 */
export async function consumeOAuthState(tx: Tx, stateHash: string): Promise<ConsumedOAuthState> {
  const consumed = await tx.maybeOne<ConsumedOAuthState>(sql`
    update public.integration_oauth_states s set used_at = now()
    from public.organizations o
    where s.state_hash = ${stateHash} and o.id = s.org_id and s.user_id = (select auth.uid())
      and s.used_at is null and s.expires_at > now()
    returning s.org_id as "orgId", o.slug as "orgSlug", s.provider`);
  if (consumed) return consumed;
  const seen = await tx.maybeOne<{ used: boolean; expired: boolean }>(sql`
    select used_at is not null as used, expires_at <= now() as expired
    from public.integration_oauth_states where state_hash = ${stateHash} and user_id = (select auth.uid())`);
  if (seen?.used) throw new AppError("INVALID_TOKEN", `This Xero authorization was already used. ${restart}`);
  if (seen?.expired) throw new AppError("INVALID_TOKEN", `This Xero authorization expired (it lasts 10 minutes). ${restart}`);
  throw new AppError("INVALID_TOKEN", `This Xero authorization is not valid for your account. ${restart}`);
}
