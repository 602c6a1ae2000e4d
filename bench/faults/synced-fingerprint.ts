import { sql, type Tx } from "@/server/db";

/** The synced tables: every row Xero and XPM gave us. */
const SYNCED_TABLES = ["xero_contacts", "xero_accounts", "xero_invoices", "xero_payments", "xpm_clients", "xpm_staff", "xpm_jobs", "xpm_time_entries", "xpm_costs", "xpm_invoices"] as const;

/**
 * Each synced table's row count and a checksum of its content without the columns a sync run
 * stamps (row ids, when it was written), in a stable order: two databases that synced the same
 * data agree, whichever runs wrote it and however often. The Demo Xero makes today's activity when
 * it starts (new time entries, "updated now" stamps), so rows of the last two days and the
 * `updated_date_utc` stamps are left out: two starts minutes apart differ there by design.
 */
export async function syncedFingerprint(tx: Tx): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of SYNCED_TABLES) {
    // The table name comes from the fixed list above, never from input.
    const row = await tx.one<{ n: number; digest: string | null }>(sql([
      `select count(*)::int as n,
              md5(string_agg((to_jsonb(t) - 'id' - 'synced_at' - 'created_at' - 'updated_at' - 'updated_date_utc' - 'org_id' - 'connection_id')::text, '|' order by t.external_id)) as digest
       from public.${table} t
       where coalesce(to_jsonb(t) ->> 'entry_date', to_jsonb(t) ->> 'date', '0001-01-01')::date < current_date - 1`,
    ]));
    out[table] = `${row.n}:${row.digest ?? "-"}`;
  }
  return out;
}

/**
 * Takes away what the sync under test must bring back: every synced table emptied except the
 * invoices, of which about half go (the demo seed refills an organization with no invoice at all
 * on its next start, which would hide a row the sync failed to bring).
 */
export async function clearSynced(tx: Tx): Promise<void> {
  for (const table of SYNCED_TABLES) {
    if (table === "xero_invoices") await tx.query(sql`delete from public.xero_invoices where md5(external_id) < '8'`);
    else await tx.query(sql([`delete from public.${table}`]));
  }
}
