import type { Tx } from "@/server/db";
import { sql } from "@/server/db";

/** An organization created outside a user's request (seed, fixtures); an existing slug is reused. */
export async function provisionOrganization(
  tx: Tx,
  org: { slug: string; name: string; timezone?: string; currency?: string },
): Promise<string> {
  const row = await tx.one<{ id: string }>(sql`
    insert into public.organizations (slug, name, timezone, currency)
    values (${org.slug}, ${org.name}, ${org.timezone ?? "UTC"}, ${org.currency ?? "USD"})
    on conflict (slug) do update set slug = excluded.slug
    returning id`);
  return row.id;
}
