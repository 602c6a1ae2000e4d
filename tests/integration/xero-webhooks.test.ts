/**
 * POST /api/webhooks/xero as Xero uses it: the fake sender (tests/fakes/xero-webhook-sender.ts) posts
 * over real HTTP to a loopback server that hands each request to the route handler, so the raw
 * bytes, headers and empty bodies are exactly what Xero would send and see.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/xero/route";
import { config, reloadConfig } from "@/server/config";
import { sql } from "@/server/db/sql";
import { setupTestDatabase } from "../helpers/test-db";
import { createOrg } from "../helpers/fixtures";
import { createXeroWebhookSender, type WebhookEvent } from "../fakes/xero-webhook-sender";

const KEY = "webhook-signing-key-for-tests-0123456789";
const db = setupTestDatabase();
let server: Server;
let url: string;
let previousKey: string | undefined;
let orgA: { id: string };
let orgB: { id: string };

beforeAll(async () => {
  previousKey = process.env.XERO_WEBHOOK_KEY;
  process.env.XERO_WEBHOOK_KEY = KEY;
  reloadConfig();
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new NextRequest(new URL(req.url ?? "/", "http://localhost:3000"), {
      method: req.method,
      headers,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const response = await POST(request, { params: Promise.resolve({}) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/xero`;
  orgA = await createOrg(db.engine());
  orgB = await createOrg(db.engine());
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  if (previousKey === undefined) delete process.env.XERO_WEBHOOK_KEY;
  else process.env.XERO_WEBHOOK_KEY = previousKey;
  reloadConfig();
});

const service = db.asService;

async function connect(orgId: string, tenantId: string = randomUUID(), status: "connected" | "disconnected" = "connected") {
  const row = await service((tx) =>
    tx.one<{ id: string }>(sql`
      insert into public.integration_connections (org_id, provider, tenant_id, tenant_name, status)
      values (${orgId}, 'xero', ${tenantId}, 'Tenant Ltd', ${status}) returning id`),
  );
  return { id: row.id, tenantId };
}

interface StoredEvent { dedupe_key: string; org_id: string; event_category: string; resource_id: string; sync_run_id: string | null; payload: WebhookEvent }
const eventsOf = (tenantId: string) =>
  service((tx) =>
    tx.query<StoredEvent>(sql`
      select e.dedupe_key, e.org_id, e.event_category, e.resource_id, e.sync_run_id, e.payload
        from public.xero_webhook_events e join public.integration_connections c on c.id = e.connection_id
       where c.tenant_id = ${tenantId} order by e.dedupe_key`),
  );

interface RunRow { id: string; trigger: string; status: string; entities: string[] | null; job_id: string | null; job_kind: string | null; job_payload: Record<string, unknown> | null }
const runsOf = (connectionId: string) =>
  service((tx) =>
    tx.query<RunRow>(sql`
      select r.id, r.trigger, r.status, r.entities, r.job_id, j.kind as job_kind, j.payload as job_payload
        from public.sync_runs r left join public.jobs j on j.id = r.job_id
       where r.connection_id = ${connectionId} order by r.created_at`),
  );
const syncJobsOf = (connectionId: string) =>
  service((tx) => tx.query<{ id: string }>(sql`select id from public.jobs where kind = 'sync.run' and payload ->> 'connectionId' = ${connectionId}`));

const sender = () => createXeroWebhookSender({ url, key: KEY });

describe("POST /api/webhooks/xero: signatures", () => {
  it("passes Xero's Intent to Receive: empty 200 for signed deliveries, 401 for forged ones", async () => {
    const itr = await sender().intentToReceive(6);
    expect(itr.results.map((r) => r.status)).toEqual([200, 401, 200, 401, 200, 401]);
    expect(itr.results.every((r) => r.body === "")).toBe(true);
    expect(itr.passed).toBe(true);
  });

  it("refuses a wrong or missing signature with an empty 401 and stores nothing", async () => {
    const conn = await connect(orgA.id);
    const s = sender();
    const event = s.event({ tenantId: conn.tenantId, category: "INVOICE" });
    for (const signature of ["invalid", "missing"] as const) {
      const d = await s.send([event], { signature });
      expect(d.status).toBe(401);
      expect(d.body).toBe("");
    }
    // Signed with the right key over other bytes than those sent.
    const body = JSON.stringify({ events: [event], firstEventSequence: 1, lastEventSequence: 1, entropy: "X" });
    const res = await fetch(url, { method: "POST", body: body + " ", headers: { "content-type": "application/json", "x-xero-signature": s.sign(body) } });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe("");
    expect(await eventsOf(conn.tenantId)).toEqual([]);
    expect(await runsOf(conn.id)).toEqual([]);
  });

  it("refuses every delivery while XERO_WEBHOOK_KEY is unset", async () => {
    delete process.env.XERO_WEBHOOK_KEY;
    reloadConfig();
    try {
      expect(config().XERO_WEBHOOK_KEY).toBeUndefined();
      const conn = await connect(orgA.id);
      const s = sender();
      const d = await s.send([s.event({ tenantId: conn.tenantId, category: "INVOICE" })]);
      expect(d.status).toBe(401);
      expect((await s.intentToReceive(2)).passed).toBe(false);
      expect(await eventsOf(conn.tenantId)).toEqual([]);
    } finally {
      process.env.XERO_WEBHOOK_KEY = KEY;
      reloadConfig();
    }
  });

  it("answers 413, not 500, to a body over the size limit", async () => {
    const s = sender();
    const big = JSON.stringify({ events: [], entropy: "x".repeat(config().MAX_BODY_BYTES) });
    const d = await s.send([], { rawBody: big });
    expect(d.status).toBe(413);
  });
});

describe("POST /api/webhooks/xero: events", () => {
  it("stores a delivery's events and requests one targeted webhook sync with one job", async () => {
    const conn = await connect(orgA.id);
    const s = sender();
    const invoice = s.event({ tenantId: conn.tenantId, category: "INVOICE", eventType: "CREATE" });
    const invoice2 = s.event({ tenantId: conn.tenantId, category: "INVOICE" });
    const contact = s.event({ tenantId: conn.tenantId, category: "CONTACT" });
    const { results } = await s.deliver([invoice, invoice2, contact]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 200, body: "" });

    const stored = await eventsOf(conn.tenantId);
    expect(stored.map((e) => e.resource_id).sort()).toEqual([invoice.resourceId, invoice2.resourceId, contact.resourceId].sort());
    const key = (e: WebhookEvent) => `${e.tenantId}|${e.eventCategory}|${e.resourceId}|${e.eventDateUtc}Z|${orgA.id}`;
    expect(stored.map((e) => e.dedupe_key).sort()).toEqual([invoice, invoice2, contact].map(key).sort());
    expect(stored.find((e) => e.resource_id === invoice.resourceId)?.payload).toEqual(invoice);

    const runs = await runsOf(conn.id);
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run).toMatchObject({ trigger: "webhook", status: "queued", entities: ["Contacts", "Invoices"], job_kind: "sync.run" });
    expect(run!.job_payload).toMatchObject({ connectionId: conn.id, syncRunId: run!.id });
    expect(await syncJobsOf(conn.id)).toHaveLength(1);
    expect(stored.every((e) => e.sync_run_id === run!.id)).toBe(true);
  });

  it("keeps replays, duplicates and out-of-order deliveries harmless: each event once, one active run", async () => {
    const conn = await connect(orgA.id);
    const s = sender();
    const base = Date.now() - 60_000;
    const events = [0, 1, 2].map((i) => s.event({ tenantId: conn.tenantId, category: "INVOICE", at: base + i * 1000 }));
    const first = await s.deliver(events);
    expect(first.results.at(-1)?.status).toBe(200);

    const replay = await s.send([], { rawBody: first.body });
    expect(replay).toMatchObject({ status: 200, body: "" });
    const shuffled = await s.deliver(events, { duplicate: true, shuffle: true });
    expect(shuffled.results.at(-1)).toMatchObject({ status: 200, body: "" });

    // A later update of the same invoice is a new event, taken by the run already queued.
    const update = s.event({ tenantId: conn.tenantId, category: "INVOICE", resourceId: events[0]!.resourceId, at: base + 5000 });
    const older = s.event({ tenantId: conn.tenantId, category: "INVOICE", resourceId: events[0]!.resourceId, at: base - 5000 });
    expect((await s.deliver([update, older], { shuffle: true })).results.at(-1)?.status).toBe(200);

    const stored = await eventsOf(conn.tenantId);
    expect(stored).toHaveLength(5);
    expect(new Set(stored.map((e) => e.dedupe_key)).size).toBe(5);
    const runs = await runsOf(conn.id);
    expect(runs).toHaveLength(1);
    expect(await syncJobsOf(conn.id)).toHaveLength(1);
    expect(stored.every((e) => e.sync_run_id === runs[0]!.id)).toBe(true);
  });

  it("stays consistent when overlapping deliveries for two connections arrive at the same time", async () => {
    const one = await connect(orgA.id);
    const two = await connect(orgB.id);
    const s = sender();
    const events = [one, two].flatMap((c) => [0, 1, 2].map(() => s.event({ tenantId: c.tenantId, category: "INVOICE" })));
    const deliveries = await Promise.all([
      s.send(events),
      s.send([...events].reverse()),
      s.send(events.slice(2)),
      s.send([...events.slice(0, 4)].reverse()),
    ]);
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200]);
    for (const c of [one, two]) {
      expect(await eventsOf(c.tenantId)).toHaveLength(3);
      expect(await runsOf(c.id)).toHaveLength(1);
      expect(await syncJobsOf(c.id)).toHaveLength(1);
    }
  });

  it("adds newly named entities to a queued run, reuses a running one, and starts a new run once it finished", async () => {
    const conn = await connect(orgA.id);
    const s = sender();
    await s.deliver([s.event({ tenantId: conn.tenantId, category: "INVOICE" })]);
    await s.deliver([s.event({ tenantId: conn.tenantId, category: "CONTACT" })]);
    let runs = await runsOf(conn.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.entities).toEqual(["Contacts", "Invoices"]);

    await service((tx) => tx.query(sql`update public.sync_runs set status = 'running', started_at = now() where id = ${runs[0]!.id}`));
    await s.deliver([s.event({ tenantId: conn.tenantId, category: "INVOICE" })]);
    runs = await runsOf(conn.id);
    expect(runs).toHaveLength(1);

    await service((tx) => tx.query(sql`update public.sync_runs set status = 'succeeded', finished_at = now() where id = ${runs[0]!.id}`));
    await s.deliver([s.event({ tenantId: conn.tenantId, category: "CONTACT" })]);
    runs = await runsOf(conn.id);
    expect(runs.map((r) => [r.status, r.entities])).toEqual([["succeeded", ["Contacts", "Invoices"]], ["queued", ["Contacts"]]]);
    expect(await syncJobsOf(conn.id)).toHaveLength(2);
  });

  it("gives each organisation that connected the same tenant its own copy and its own run", async () => {
    const tenantId = randomUUID();
    const a = await connect(orgA.id, tenantId);
    const b = await connect(orgB.id, tenantId);
    const s = sender();
    expect((await s.deliver([s.event({ tenantId, category: "INVOICE" })])).results.at(-1)?.status).toBe(200);
    const stored = await eventsOf(tenantId);
    expect(stored.map((e) => e.org_id).sort()).toEqual([orgA.id, orgB.id].sort());
    expect(await runsOf(a.id)).toHaveLength(1);
    expect(await runsOf(b.id)).toHaveLength(1);
  });

  it("ignores unknown tenants and disconnected connections, and runs nothing for categories it does not sync", async () => {
    const disconnected = await connect(orgA.id, randomUUID(), "disconnected");
    const creditNotesOnly = await connect(orgB.id);
    const known = await connect(orgB.id);
    const unknownTenant = randomUUID();
    const s = sender();
    const d = await s.send([
      s.event({ tenantId: unknownTenant, category: "INVOICE" }),
      s.event({ tenantId: disconnected.tenantId, category: "INVOICE" }),
      s.event({ tenantId: creditNotesOnly.tenantId, category: "CREDITNOTE" }),
      s.event({ tenantId: known.tenantId, category: "CONTACT" }),
      s.event({ tenantId: randomUUID(), category: "SUBSCRIPTION" }),
    ]);
    expect(d).toMatchObject({ status: 200, body: "" });
    expect(await eventsOf(unknownTenant)).toEqual([]);
    expect(await eventsOf(disconnected.tenantId)).toEqual([]);
    expect(await runsOf(disconnected.id)).toEqual([]);
    const credit = await eventsOf(creditNotesOnly.tenantId);
    expect(credit).toMatchObject([{ event_category: "CREDITNOTE", sync_run_id: null }]);
    expect(await runsOf(creditNotesOnly.id)).toEqual([]);
    expect(await runsOf(known.id)).toMatchObject([{ entities: ["Contacts"] }]);
  });

  it("answers 200 to a signed payload it cannot read, keeping the readable events beside bad ones", async () => {
    const conn = await connect(orgA.id);
    const s = sender();
    for (const rawBody of ["not json", "[]", JSON.stringify({ events: "nope" }), JSON.stringify({ events: [{ tenantId: conn.tenantId }] })]) {
      expect(await s.send([], { rawBody })).toMatchObject({ status: 200, body: "" });
    }
    expect(await eventsOf(conn.tenantId)).toEqual([]);
    const good = s.event({ tenantId: conn.tenantId, category: "INVOICE" });
    const badDate = { ...s.event({ tenantId: conn.tenantId, category: "INVOICE" }), eventDateUtc: "yesterday" };
    const rawBody = JSON.stringify({ events: [badDate, good], firstEventSequence: 1, lastEventSequence: 2, entropy: "ABC" });
    expect(await s.send([], { rawBody })).toMatchObject({ status: 200, body: "" });
    expect((await eventsOf(conn.tenantId)).map((e) => e.resource_id)).toEqual([good.resourceId]);
    expect(await runsOf(conn.id)).toHaveLength(1);
  });
});
