import { sql, type Tx } from "@/server/db";

/** The mapping the organization confirmed last time for this template ({field: header text}). */
export async function rememberedMapping(tx: Tx, orgId: string, type: string): Promise<Record<string, string>> {
  const row = await tx.maybeOne<{ mapping: Record<string, string> }>(sql`
    select mapping from public.import_mappings where org_id = ${orgId} and type = ${type}`);
  return row?.mapping ?? {};
}
