import { sql, type Tx } from "@/server/db";

/** The synced tables: every row Xero and XPM gave us. */
const SYNCED_TABLES = ["xero_contacts", "xero_accounts", "xero_invoices", "xero_payments", "xpm_clients", "xpm_staff", "xpm_jobs", "xpm_time_entries", "xpm_costs", "xpm_invoices"] as const;

/**
 * Each synced table's row count and a checksum of its content without the columns a sync run
 * stamps (row ids, when it was written), in a stable order: two databases that synced the same
 * data agree, whichever runs wrote it and however often.
 */
export async function syncedFingerprint(tx: Tx): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of SYNCED_TABLES) {
    // The table name comes from the fixed list above, never from input.
    const row = await tx.one<{ n: number; digest: string | null }>(sql([
      `select count(*)::int as n,
              md5(string_agg((to_jsonb(t) - 'id' - 'synced_at' - 'created_at' - 'updated_at' - 'org_id' - 'connection_id')::text, '|' order by t.external_id)) as digest
       from public.${table} t`,
    ]));
    out[table] = `${row.n}:${row.digest ?? "-"}`;
  }
  return out;
}
