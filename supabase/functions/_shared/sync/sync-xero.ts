/**
 * One Xero Accounting pass: Accounts, Contacts, Invoices, Payments, in that order (payments refer to
 * invoices, invoices to contacts). Paged entities are read `order=UpdatedDateUTC ASC` with the
 * entity's If-Modified-Since; each stored page records the next page as the resume point, and the
 * checkpoint only moves to the newest UpdatedDateUTC seen once the entity's last page is stored.
 */
import type { PagedEntity } from "./xero-accounting.ts";
import { XeroAccountingClient } from "./xero-accounting.ts";
import { markMissing, missing, upsertRows, type SyncTable } from "./sync-store.ts";
import { fullReadDue, type EntityCheckpoint, type SyncScope } from "./sync-scope.ts";

export const XERO_ENTITIES = ["Accounts", "Contacts", "Invoices", "Payments"] as const;
export type XeroEntity = (typeof XERO_ENTITIES)[number];

const TABLE: Record<PagedEntity, SyncTable> = { Contacts: "xero_contacts", Invoices: "xero_invoices", Payments: "xero_payments" };

const later = (a: string | null | undefined, b: string | null | undefined) => (!a ? (b ?? null) : !b ? a : a > b ? a : b);

export async function syncXero(scope: SyncScope, accountingUrl: string): Promise<void> {
  const client = new XeroAccountingClient({ ...scope.http, baseUrl: accountingUrl, baseCurrency: scope.currency });
  const entities = XERO_ENTITIES.filter((e) => !scope.entities || scope.entities.includes(e));
  for (const [index, entity] of entities.entries()) {
    const cp = scope.checkpoints[entity];
    // A retried run skips what it already finished (unless a pass of it is still under way).
    if (cp?.lastRunId === scope.runId && cp.page === undefined) continue;
    const step = { index, count: entities.length };
    if (entity === "Accounts") await syncAccounts(scope, client, cp, step);
    else await syncPaged(scope, client, entity, cp, step);
  }
}

async function syncAccounts(scope: SyncScope, client: XeroAccountingClient, cp: EntityCheckpoint | undefined, step: { index: number; count: number }) {
  const full = fullReadDue(scope, cp);
  const rows = await client.fetchAccounts({ modifiedSince: full || !cp?.since ? null : new Date(cp.since) });
  const newest = rows.reduce<string | null>((max, r) => later(max, r.updated_date_utc), null);
  const next: EntityCheckpoint = {
    since: later(cp?.since, newest),
    lastFullAt: full ? new Date(scope.now()).toISOString() : (cp?.lastFullAt ?? null),
    lastRunId: scope.runId,
  };
  await scope.commit(
    "Accounts",
    { Accounts: next },
    async (tx) => ({
      fetched: rows.length,
      upserted: await upsertRows(tx, "xero_accounts", scope.orgId, rows),
      // Deleted accounts vanish from Xero's list: only a full list can tell.
      deleted: full ? await markMissing(tx, missing.xeroAccounts(scope.orgId, rows.map((r) => r.external_id))) : 0,
    }),
    { fraction: (step.index + 1) / step.count, entity: "Accounts", message: `${rows.length} accounts` },
  );
}

async function syncPaged(scope: SyncScope, client: XeroAccountingClient, entity: PagedEntity, cp: EntityCheckpoint | undefined, step: { index: number; count: number }) {
  const resuming = cp?.page !== undefined;
  const full = resuming ? !cp?.passSince : fullReadDue(scope, cp);
  const passSince = resuming ? (cp?.passSince ?? null) : full ? null : (cp?.since ?? null);
  let passMax = resuming ? (cp?.passMax ?? null) : null;
  let fetched = 0;
  const pages = client.pages(entity, { modifiedSince: passSince ? new Date(passSince) : null, pageSize: scope.pageSize, startPage: cp?.page ?? 1 });
  for await (const page of pages) {
    passMax = later(passMax, page.maxUpdated);
    fetched += page.itemCount;
    const next: EntityCheckpoint = page.done
      ? {
          since: later(cp?.since, passMax),
          lastFullAt: full ? new Date(scope.now()).toISOString() : (cp?.lastFullAt ?? null),
          lastRunId: scope.runId,
        }
      : { since: cp?.since ?? null, lastFullAt: cp?.lastFullAt ?? null, page: page.page + 1, passSince, passMax, lastRunId: scope.runId };
    const within = page.pageCount ? Math.min(1, page.page / page.pageCount) : page.done ? 1 : 0.5;
    await scope.commit(
      entity,
      { [entity]: next },
      async (tx) => ({ fetched: page.itemCount, upserted: await upsertRows(tx, TABLE[entity], scope.orgId, page.rows), deleted: 0 }),
      {
        fraction: (step.index + within) / step.count,
        entity,
        message: page.pageCount ? `${entity}: page ${page.page} of ${page.pageCount}` : `${entity}: page ${page.page} (${fetched} read)`,
      },
    );
  }
}
