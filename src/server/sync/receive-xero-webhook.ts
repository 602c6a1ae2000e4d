import { z } from "zod";
import { text } from "@/lib/text-schema";
import { asService, sql, type RequestMeta, type Tx } from "@/server/db";
import { logger } from "@/server/http/logger";
import { dispatchJob } from "@/server/jobs/dispatch-job";
import type { EnqueuedJob } from "@/server/jobs/enqueue-job";
import { parseUtcWithoutZone } from "@edge-shared/sync/xero-dates.ts";

/**
 * A verified Xero webhook delivery (reference/integrations.md §4): its events are stored once per
 * connected organisation and each connection with something new gets a targeted `sync.run`. Xero
 * wants the answer within 5 seconds, so this only writes rows and enqueues; the job calls Xero.
 *
 * A signed payload we cannot read is answered 200 and dropped (with a warning in the log), never
 * 4xx: Xero would redeliver the same bytes for 24 hours, fail the same way each time, then disable
 * the webhook, which would stop every later event. The periodic sync picks up what was dropped.
 * Likewise one unreadable event does not cost the readable ones beside it.
 */
const envelopeSchema = z.object({
  events: z.array(z.unknown()),
  firstEventSequence: z.number().int().optional(),
  lastEventSequence: z.number().int().optional(),
  entropy: text().optional(),
});

const eventSchema = z.object({
  resourceUrl: text().max(2048),
  resourceId: text().min(1).max(100),
  eventDateUtc: text().transform((value, ctx) => {
    const date = parseUtcWithoutZone(value);
    if (!date) ctx.addIssue({ code: "custom", message: "not a UTC timestamp" });
    return date ?? new Date(Number.NaN);
  }),
  // Strings rather than enums: a category or type Xero adds later is stored, not refused.
  eventType: text().min(1).max(40),
  eventCategory: text().min(1).max(40),
  tenantId: text().min(1).max(64),
  tenantType: text().max(40),
});

type WebhookEvent = z.output<typeof eventSchema> & { raw: unknown };

/** The accounting entities a category's change lives in; other categories are stored but not synced. */
const ENTITY_OF_CATEGORY: Record<string, string> = { INVOICE: "Invoices", CONTACT: "Contacts" };

export interface WebhookReceipt {
  events: number;
  /** Event rows newly stored (one per event and connected organisation). */
  stored: number;
  runs: { connectionId: string; runId: string; created: boolean }[];
}

export async function receiveXeroWebhook(rawBody: string, meta?: RequestMeta): Promise<WebhookReceipt> {
  const events = readEvents(rawBody, meta?.requestId);
  // Intent to Receive sends no events: a verified empty delivery needs nothing but the 200.
  if (events.length === 0) return { events: 0, stored: 0, runs: [] };
  const { receipt, jobs } = await asService((tx) => storeEvents(tx, events), meta);
  // After commit: before it an Edge Function could not see the job (dispatchJob's contract).
  await Promise.all(jobs.map((job) => dispatchJob(job)));
  logger.info({ requestId: meta?.requestId, events: receipt.events, stored: receipt.stored, runs: receipt.runs.length }, "xero webhook received");
  return receipt;
}

function readEvents(rawBody: string, requestId: string | undefined): WebhookEvent[] {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    logger.warn({ requestId }, "xero webhook: signed body is not JSON; ignored");
    return [];
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    logger.warn({ requestId, issues: envelope.error.issues.map((i) => i.path.join(".")) }, "xero webhook: unexpected payload shape; ignored");
    return [];
  }
  const events: WebhookEvent[] = [];
  let skipped = 0;
  for (const raw of envelope.data.events) {
    const parsed = eventSchema.safeParse(raw);
    if (parsed.success) events.push({ ...parsed.data, raw });
    else skipped++;
  }
  if (skipped) logger.warn({ requestId, skipped }, "xero webhook: unreadable events ignored");
  return events;
}

interface EventRow {
  orgId: string;
  connectionId: string;
  dedupeKey: string;
  event: WebhookEvent;
}

async function storeEvents(tx: Tx, events: WebhookEvent[]): Promise<{ receipt: WebhookReceipt; jobs: EnqueuedJob[] }> {
  const tenantIds = [...new Set(events.map((e) => e.tenantId))];
  // Several organisations may have connected the same Xero tenant: each gets its own copy.
  const connections = await tx.query<{ id: string; org_id: string; tenant_id: string }>(sql`
    select id, org_id, tenant_id from public.integration_connections
     where provider = 'xero' and status = 'connected' and tenant_id = any(${tenantIds}::text[])`);

  const rows = new Map<string, EventRow>();
  for (const event of events) {
    for (const c of connections.filter((conn) => conn.tenant_id === event.tenantId)) {
      // Xero's identity of an event (tenant|category|resource|date) plus the organisation, since the
      // key is unique across the table and one tenant can be connected by several organisations.
      const dedupeKey = [event.tenantId, event.eventCategory, event.resourceId, event.eventDateUtc.toISOString(), c.org_id].join("|");
      rows.set(dedupeKey, { orgId: c.org_id, connectionId: c.id, dedupeKey, event });
    }
  }
  const receipt: WebhookReceipt = { events: events.length, stored: 0, runs: [] };
  if (rows.size === 0) return { receipt, jobs: [] };

  // Sorted keys: two overlapping deliveries insert in the same order, so they wait, never deadlock.
  const list = [...rows.values()].sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : 1));
  const inserted = await tx.query<{ id: string; connection_id: string; event_category: string }>(sql`
    insert into public.xero_webhook_events (org_id, connection_id, dedupe_key, event_category, event_type, resource_id, event_date_utc, payload)
    select org_id, connection_id, dedupe_key, event_category, event_type, resource_id, event_date_utc, payload::jsonb
      from unnest(${list.map((r) => r.orgId)}::uuid[], ${list.map((r) => r.connectionId)}::uuid[], ${list.map((r) => r.dedupeKey)}::text[],
                  ${list.map((r) => r.event.eventCategory)}::text[], ${list.map((r) => r.event.eventType)}::text[],
                  ${list.map((r) => r.event.resourceId)}::text[], ${list.map((r) => r.event.eventDateUtc.toISOString())}::timestamptz[],
                  ${list.map((r) => JSON.stringify(r.event.raw))}::text[])
        as t(org_id, connection_id, dedupe_key, event_category, event_type, resource_id, event_date_utc, payload)
    on conflict (dedupe_key) do nothing
    returning id, connection_id, event_category`);
  receipt.stored = inserted.length;

  // Only new events ask for a sync: a redelivery has already had its run.
  const byConnection = new Map<string, { ids: string[]; entities: Set<string> }>();
  for (const row of inserted) {
    const entity = ENTITY_OF_CATEGORY[row.event_category];
    if (!entity) continue;
    const entry = byConnection.get(row.connection_id) ?? { ids: [], entities: new Set<string>() };
    entry.ids.push(row.id);
    entry.entities.add(entity);
    byConnection.set(row.connection_id, entry);
  }

  const jobs: EnqueuedJob[] = [];
  // Sorted for the same reason: request_sync_run locks the connection row.
  for (const connectionId of [...byConnection.keys()].sort()) {
    const { ids, entities } = byConnection.get(connectionId)!;
    const wanted = [...entities].sort();
    const run = await tx.one<{ run_id: string; job_id: string | null; created: boolean }>(sql`
      select run_id, job_id, created from app_private.request_sync_run(${connectionId}::uuid, 'webhook', ${wanted}::text[], false)`);
    if (!run.created) {
      // The connection already has a run. One still queued can take these entities too; a running one
      // may miss them, and the next scheduled sync catches up (one active run per connection).
      await tx.query(sql`
        update public.sync_runs r
           set entities = array(select distinct e from unnest(r.entities || ${wanted}::text[]) as e order by e)
         where r.id = ${run.run_id} and r.status = 'queued' and r.entities is not null
           and not (r.entities @> ${wanted}::text[])`);
    }
    await tx.query(sql`update public.xero_webhook_events set sync_run_id = ${run.run_id} where id = any(${ids}::uuid[])`);
    receipt.runs.push({ connectionId, runId: run.run_id, created: run.created });
    if (run.job_id) jobs.push({ id: run.job_id, kind: "sync.run", created: run.created });
  }
  return { receipt, jobs };
}
