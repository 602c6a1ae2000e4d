import type { z } from "zod";
import { sql, type Tx } from "@/server/db";
import type { listMembersQuery } from "@/lib/admin-schemas";
import type { MemberPageView } from "@/lib/member-views";
import { memberColumns, toMemberView, type MemberRow } from "./member-view";

/** `%` and `_` typed in the search box are literal characters, not wildcards. */
const likePattern = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The members of one organization, filtered and paginated (under asUser: RLS scopes it too). */
export async function listMembers(tx: Tx, orgId: string, query: z.output<typeof listMembersQuery>): Promise<MemberPageView> {
  const filters = [sql`m.org_id = ${orgId}`];
  if (query.search) filters.push(sql`(p.email ilike ${likePattern(query.search)} or p.full_name ilike ${likePattern(query.search)})`);
  if (query.role) filters.push(sql`m.role = ${query.role}`);
  if (query.status) filters.push(sql`m.status = ${query.status}`);
  const rows = await tx.query<MemberRow & { total: number }>(sql`
    select ${memberColumns}, count(*) over () as total
    from public.org_members m left join public.user_profiles p on p.user_id = m.user_id
    where ${sql.join(filters, " and ")}
    order by lower(coalesce(nullif(p.full_name, ''), p.email)), m.user_id
    limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`);
  const total = rows[0]?.total ?? (query.page > 1 ? await countMembers(tx, filters) : 0);
  return { items: rows.map(({ total: _total, ...member }) => toMemberView(member)), total, page: query.page, pageSize: query.pageSize };
}

async function countMembers(tx: Tx, filters: ReturnType<typeof sql>[]): Promise<number> {
  const row = await tx.one<{ total: number }>(sql`
    select count(*) as total from public.org_members m left join public.user_profiles p on p.user_id = m.user_id
    where ${sql.join(filters, " and ")}`);
  return row.total;
}
