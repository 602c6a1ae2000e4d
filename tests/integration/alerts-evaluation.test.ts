/**
 * The alert evaluation on both engines: levels from the organization's thresholds with inclusive
 * boundaries, every transition of the lifecycle, hysteresis, regression, closed POs, and the
 * escalation notifications it records (only on the way up, one per PO, level and recipient, a digest
 * past 10 POs) and their delivery through the one email sender. POs and spend are written directly,
 * as the import jobs write them.
 */
import { describe, expect, it } from "vitest";
import { deliverAlertNotifications } from "@/server/alerts/deliver-alert-notifications";
import { seedAlertsDemo } from "@/server/demo/seed-alerts";
import { seedProcurementDemo } from "@/server/demo/seed-procurement";
import { sql } from "@/server/db/sql";
import { asServiceOn, asUserOn } from "@/server/db/transactions";
import { requestAlertEvaluation } from "@edge-shared/alerts/request-alert-evaluation.ts";
import { utilizationLevel } from "@/lib/procurement-views";
import { alertsEvaluateSchedule } from "@edge-shared/jobs/kinds/alerts-evaluate.ts";
import { jobRegistry } from "@edge-shared/jobs/shared-job-registry.ts";
import { enqueueScheduled } from "@edge-shared/jobs/worker.ts";
import { jobDatabase } from "@/server/jobs/job-database";
import { setupTestDatabase } from "../helpers/test-db";
import { createOrgWithMembers } from "../helpers/fixtures";
import {
  alertEmailsTo,
  alertsOf,
  evaluate,
  eventsOf,
  insertPurchaseOrder,
  notificationsOf,
  runAlertJobs,
  setPoStatus,
  setSpent,
} from "../helpers/alert-fixtures";

const db = setupTestDatabase();
const engine = () => db.engine();

/** Spend of a 10,000.00 PO for a utilization percent: "75.00" → "7500.00". */
const at = (percent: string) => (Number(percent) * 100).toFixed(2);

async function world() {
  const w = await createOrgWithMembers(engine());
  return { ...w, orgId: w.org.id };
}

describe("levels", () => {
  it("are inclusive at each threshold: 74.99 on track, 75.00 warning, 89.99 warning, 90.00 critical, 99.99 critical, 100.00 over budget", async () => {
    const { orgId } = await world();
    const cases = [
      ["74.99", null],
      ["75.00", "warning"],
      ["89.99", "warning"],
      ["90.00", "critical"],
      ["99.99", "critical"],
      ["100.00", "over_budget"],
      ["140.00", "over_budget"],
      ["0.00", null],
    ] as const;
    const ids = await Promise.all(cases.map(([p]) => insertPurchaseOrder(engine(), orgId, { spent: at(p) })));
    await evaluate(engine(), orgId);
    for (const [i, [percent, level]] of cases.entries()) {
      const alerts = await alertsOf(engine(), ids[i]!);
      expect(alerts.map((a) => a.level), `utilization ${percent}`).toEqual(level ? [level] : []);
      if (level) expect(alerts[0]).toMatchObject({ status: "open", utilization_percent: percent, opened_utilization: percent });
      // The UI's rule (utilizationLevel) agrees with the evaluation's SQL.
      expect(utilizationLevel(percent, "10000.00", at(percent)), `utilizationLevel(${percent})`).toBe(level ?? "on_track");
    }
  });

  it("follow the organization's own thresholds, also at one decimal (80.5 / 92.5 / 110)", async () => {
    const { orgId } = await world();
    await engine().transaction((tx) =>
      tx.query(sql`update public.organizations set alert_warning_pct = 80.5, alert_critical_pct = 92.5, alert_over_budget_pct = 110 where id = ${orgId}`),
    );
    const cases = [["80.49", null], ["80.50", "warning"], ["92.49", "warning"], ["92.50", "critical"], ["109.99", "critical"], ["110.00", "over_budget"]] as const;
    const ids = await Promise.all(cases.map(([p]) => insertPurchaseOrder(engine(), orgId, { spent: at(p) })));
    await evaluate(engine(), orgId);
    for (const [i, [percent, level]] of cases.entries()) {
      expect((await alertsOf(engine(), ids[i]!)).map((a) => a.level), `utilization ${percent}`).toEqual(level ? [level] : []);
    }
  });

  it("make a PO with order value 0 over budget as soon as anything is spent, and leave it alone otherwise", async () => {
    const { orgId } = await world();
    const spent = await insertPurchaseOrder(engine(), orgId, { orderValue: "0", spent: "0.01" });
    const nothing = await insertPurchaseOrder(engine(), orgId, { orderValue: "0" });
    const credit = await insertPurchaseOrder(engine(), orgId, { orderValue: "0", spent: "-50.00" });
    await evaluate(engine(), orgId);
    expect(await alertsOf(engine(), spent)).toMatchObject([{ level: "over_budget", utilization_percent: null, opened_utilization: null }]);
    expect(await alertsOf(engine(), nothing)).toEqual([]);
    expect(await alertsOf(engine(), credit)).toEqual([]);
  });

  it("skip closed and cancelled POs", async () => {
    const { orgId } = await world();
    const closed = await insertPurchaseOrder(engine(), orgId, { spent: at("120"), status: "closed" });
    const cancelled = await insertPurchaseOrder(engine(), orgId, { spent: at("95"), status: "cancelled" });
    const result = await evaluate(engine(), orgId);
    expect(result).toMatchObject({ evaluated: 0, opened: 0 });
    expect(await alertsOf(engine(), closed)).toEqual([]);
    expect(await alertsOf(engine(), cancelled)).toEqual([]);
  });
});

describe("lifecycle", () => {
  it("opens, escalates, de-escalates and resolves through every level, with one event per change", async () => {
    const { orgId } = await world();
    const po = await insertPurchaseOrder(engine(), orgId, { spent: at("10") });
    const steps: [string, string | null, string][] = [
      // [utilization, level after, status after]
      ["76", "warning", "open"],
      ["91", "critical", "open"],
      ["101", "over_budget", "open"],
      ["95", "critical", "open"],
      ["80", "warning", "open"],
      ["120", "over_budget", "open"],
      ["78", "warning", "open"],
      ["50", "on_track", "open"],
      ["40", "on_track", "resolved"],
    ];
    for (const [percent, level, status] of steps) {
      await setSpent(engine(), orgId, po, at(percent));
      await evaluate(engine(), orgId);
      const [alert] = await alertsOf(engine(), po);
      expect({ level: alert!.level, status: alert!.status }, `at ${percent} %`).toEqual({ level, status });
    }
    const [alert] = await alertsOf(engine(), po);
    expect(alert).toMatchObject({ peak_level: "over_budget", resolved_reason: "recovered", opened_utilization: "76.00" });
    expect((await eventsOf(engine(), alert!.id)).map((e) => `${e.kind}:${e.from_level ?? "-"}>${e.to_level}`)).toEqual([
      "opened:->warning",
      "escalated:warning>critical",
      "escalated:critical>over_budget",
      "de_escalated:over_budget>critical",
      "de_escalated:critical>warning",
      "escalated:warning>over_budget",
      "de_escalated:over_budget>warning",
      "de_escalated:warning>on_track",
      "resolved:on_track>on_track",
    ]);
  });

  it("opens straight at the level reached (a jump from on track to over budget)", async () => {
    const { orgId } = await world();
    const po = await insertPurchaseOrder(engine(), orgId, { spent: at("50") });
    await evaluate(engine(), orgId);
    await setSpent(engine(), orgId, po, at("130"));
    await evaluate(engine(), orgId);
    const [alert] = await alertsOf(engine(), po);
    expect(alert).toMatchObject({ level: "over_budget", peak_level: "over_budget", status: "open" });
    expect((await eventsOf(engine(), alert!.id)).map((e) => e.kind)).toEqual(["opened"]);
  });

  it("hysteresis: a PO hovering at the warning threshold keeps one alert and resolves only after two evaluations below it", async () => {
    const { orgId } = await world();
    const po = await insertPurchaseOrder(engine(), orgId, { spent: at("75.00") });
    await evaluate(engine(), orgId);
    for (const percent of ["74.99", "75.00", "74.99", "75.01", "74.50"]) {
      await setSpent(engine(), orgId, po, at(percent));
      await evaluate(engine(), orgId);
    }
    let alerts = await alertsOf(engine(), po);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: "open", level: "on_track", below_warning_streak: 1 });
    await evaluate(engine(), orgId);
    alerts = await alertsOf(engine(), po);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: "resolved", below_warning_streak: 2, resolved_reason: "recovered" });
    // The hovering never emailed more than the first warning.
    expect((await notificationsOf(engine(), orgId)).map((n) => n.level)).toEqual(["warning", "warning"]);
  });

  it("resolves the alert of a PO that is closed or cancelled, whatever its utilization", async () => {
    const { orgId } = await world();
    const closed = await insertPurchaseOrder(engine(), orgId, { spent: at("95") });
    const cancelled = await insertPurchaseOrder(engine(), orgId, { spent: at("120") });
    await evaluate(engine(), orgId);
    await setPoStatus(engine(), closed, "closed");
    await setPoStatus(engine(), cancelled, "cancelled");
    const result = await evaluate(engine(), orgId);
    expect(result.resolved).toBe(2);
    expect(await alertsOf(engine(), closed)).toMatchObject([{ status: "resolved", resolved_reason: "po_closed" }]);
    expect(await alertsOf(engine(), cancelled)).toMatchObject([{ status: "resolved", resolved_reason: "po_closed" }]);
    const [resolved] = await alertsOf(engine(), closed);
    expect((await eventsOf(engine(), resolved!.id)).at(-1)).toMatchObject({ kind: "resolved", from_level: "critical" });
  });

  it("gives a PO that rises again after its alert resolved a new alert marked as a regression, and emails again", async () => {
    const { orgId } = await world();
    const po = await insertPurchaseOrder(engine(), orgId, { spent: at("92") });
    await evaluate(engine(), orgId);
    await setSpent(engine(), orgId, po, at("20"));
    await evaluate(engine(), orgId);
    await evaluate(engine(), orgId);
    await setSpent(engine(), orgId, po, at("93"));
    await evaluate(engine(), orgId);
    const [latest, first] = await alertsOf(engine(), po);
    expect(first).toMatchObject({ status: "resolved", regression: false });
    expect(latest).toMatchObject({ status: "open", level: "critical", regression: true });
    expect((await eventsOf(engine(), latest!.id)).map((e) => e.kind)).toEqual(["reopened"]);
    expect((await notificationsOf(engine(), orgId)).map((n) => n.level)).toEqual(["critical", "critical", "critical", "critical"]);
  });

  it("evaluates only the POs it is given", async () => {
    const { orgId } = await world();
    const a = await insertPurchaseOrder(engine(), orgId, { spent: at("95") });
    const b = await insertPurchaseOrder(engine(), orgId, { spent: at("95") });
    expect(await evaluate(engine(), orgId, [a])).toMatchObject({ evaluated: 1, opened: 1 });
    expect(await alertsOf(engine(), a)).toHaveLength(1);
    expect(await alertsOf(engine(), b)).toEqual([]);
  });

  it("is idempotent: evaluating again changes nothing", async () => {
    const { orgId } = await world();
    await insertPurchaseOrder(engine(), orgId, { spent: at("95") });
    await insertPurchaseOrder(engine(), orgId, { spent: at("101") });
    expect(await evaluate(engine(), orgId)).toMatchObject({ opened: 2, notifications: 4 });
    expect(await evaluate(engine(), orgId)).toEqual({
      evaluated: 2, opened: 0, reopened: 0, escalated: 0, deEscalated: 0, resolved: 0, notifiedPos: 0, notifications: 0, digest: false,
    });
  });
});

describe("escalation emails", () => {
  it("go to the members who may acknowledge (admin, finance) on the way up only, once per PO and level", async () => {
    const { orgId, members } = await world();
    const po = await insertPurchaseOrder(engine(), orgId, { number: "PO-7001", supplier: "Harbour Joinery", spent: at("76") });
    const path: [string, string[]][] = [
      ["76", ["warning"]], // opened
      ["77", []], // same level
      ["91", ["critical"]], // escalated
      ["80", []], // de-escalated
      ["92", []], // critical again: already emailed
      ["100", ["over_budget"]],
      ["60", []], // recovering
      ["55", []], // resolved
    ];
    for (const [percent, expected] of path) {
      const before = (await notificationsOf(engine(), orgId)).length;
      await setSpent(engine(), orgId, po, at(percent));
      await evaluate(engine(), orgId);
      const added = (await notificationsOf(engine(), orgId)).slice(before);
      expect(added.map((n) => n.level), `at ${percent} %`).toEqual(expected.flatMap((l) => [l, l]));
    }
    const recipients = new Set((await notificationsOf(engine(), orgId)).map((n) => n.user_id));
    expect(recipients).toEqual(new Set([members.admin.id, members.finance.id]));

    const delivery = await deliverAlertNotifications({ orgId });
    expect(delivery).toEqual({ emails: 6, notifications: 6, skipped: 0 });
    for (const role of ["executive", "operator", "staff"] as const) expect(await alertEmailsTo(engine(), members[role].email)).toEqual([]);
    const mails = await alertEmailsTo(engine(), members.finance.email);
    expect(mails.map((m) => m.subject)).toEqual([
      "PO-7001 reached Warning (76.00 %)",
      "PO-7001 rose from Warning to Critical (91.00 %)",
      "PO-7001 rose from Critical to Over budget (100.00 %)",
    ]);
    const critical = mails[1]!;
    expect(critical.template).toBe("alert-escalation");
    expect(critical.text_body).toContain("Supplier: Harbour Joinery");
    expect(critical.text_body).toContain("Utilization: 91.00 %");
    expect(critical.text_body).toContain("Order value: NZ$10,000.00");
    expect(critical.text_body).toContain("Spent: NZ$9,100.00");
    expect(critical.text_body).toMatch(new RegExp(`/org-[0-9a-f]{8}/purchase-orders/${po}`));
    expect(critical.html).toContain(`/purchase-orders/${po}`);

    // Delivering again sends nothing new.
    expect(await deliverAlertNotifications({ orgId })).toEqual({ emails: 0, notifications: 0, skipped: 0 });
    expect(await alertEmailsTo(engine(), members.finance.email)).toHaveLength(3);
  });

  it("an acknowledged alert stays quiet at its level and emails (and reopens) only when it rises further", async () => {
    const { orgId, members } = await world();
    const po = await insertPurchaseOrder(engine(), orgId, { spent: at("80") });
    await evaluate(engine(), orgId);
    const [alert] = await alertsOf(engine(), po);
    await asUserOn(engine(), members.finance.claims, (tx) =>
      tx.query(sql`select id from app_private.acknowledge_alerts(${orgId}, ${[alert!.id]}::uuid[], 'Supplier warned')`),
    );
    const count = async () => (await notificationsOf(engine(), orgId)).length;
    const before = await count();
    for (const percent of ["85", "70", "80"]) {
      await setSpent(engine(), orgId, po, at(percent));
      await evaluate(engine(), orgId);
      expect((await alertsOf(engine(), po))[0]!.status, `at ${percent} %`).toBe("acknowledged");
    }
    expect(await count()).toBe(before);
    await setSpent(engine(), orgId, po, at("93"));
    await evaluate(engine(), orgId);
    expect((await alertsOf(engine(), po))[0]).toMatchObject({ level: "critical", status: "open" });
    expect((await notificationsOf(engine(), orgId)).slice(before).map((n) => `${n.from_level}>${n.level}`)).toEqual(["warning>critical", "warning>critical"]);
  });

  it("skip members who turned alert emails off, and members opted out after the evaluation recorded them", async () => {
    const { orgId, members } = await world();
    await asUserOn(engine(), members.admin.claims, (tx) =>
      tx.query(sql`insert into public.notification_preferences (org_id, user_id, alert_emails) values (${orgId}, ${members.admin.id}, false)`),
    );
    await insertPurchaseOrder(engine(), orgId, { spent: at("95") });
    await evaluate(engine(), orgId);
    expect((await notificationsOf(engine(), orgId)).map((n) => n.user_id)).toEqual([members.finance.id]);
    await asUserOn(engine(), members.finance.claims, (tx) =>
      tx.query(sql`insert into public.notification_preferences (org_id, user_id, alert_emails) values (${orgId}, ${members.finance.id}, false)`),
    );
    expect(await deliverAlertNotifications({ orgId })).toEqual({ emails: 0, notifications: 0, skipped: 1 });
    expect(await alertEmailsTo(engine(), members.finance.email)).toEqual([]);
  });

  it("become one digest per recipient when one evaluation escalates more than 10 POs (10 stay single emails)", async () => {
    const { orgId, members } = await world();
    const ten = await Promise.all(Array.from({ length: 10 }, (_, i) => insertPurchaseOrder(engine(), orgId, { number: `PO-T${i}`, spent: at("91") })));
    expect(await evaluate(engine(), orgId)).toMatchObject({ notifiedPos: 10, digest: false, notifications: 20 });
    expect(await deliverAlertNotifications({ orgId })).toMatchObject({ emails: 20 });
    expect(ten).toHaveLength(10);

    const many = await Promise.all(Array.from({ length: 12 }, (_, i) => insertPurchaseOrder(engine(), orgId, { number: `PO-D${String(i).padStart(2, "0")}`, spent: at(i < 6 ? "80" : "105") })));
    expect(await evaluate(engine(), orgId)).toMatchObject({ notifiedPos: 12, digest: true, notifications: 24 });
    expect(await deliverAlertNotifications({ orgId })).toEqual({ emails: 2, notifications: 24, skipped: 0 });
    const digests = (await alertEmailsTo(engine(), members.admin.email)).filter((m) => m.template === "alert-digest");
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe("12 purchase orders rose into a higher budget level");
    expect(digests[0]!.text_body).toContain("(6 Over budget, 6 Warning)");
    for (const id of many) expect(digests[0]!.text_body).toContain(`/purchase-orders/${id}`);
  });

  it("two evaluations racing give the alerts, events and emails of one", async () => {
    const { orgId, members } = await world();
    const pos = await Promise.all(Array.from({ length: 3 }, () => insertPurchaseOrder(engine(), orgId, { spent: at("97") })));
    const results = await Promise.all([evaluate(engine(), orgId), evaluate(engine(), orgId), evaluate(engine(), orgId, [pos[0]!])]);
    expect(results.reduce((n, r) => n + r.opened, 0)).toBe(3);
    for (const po of pos) {
      const alerts = await alertsOf(engine(), po);
      expect(alerts).toHaveLength(1);
      expect(await eventsOf(engine(), alerts[0]!.id)).toHaveLength(1);
    }
    expect(await notificationsOf(engine(), orgId)).toHaveLength(6);
    const deliveries = await Promise.all([deliverAlertNotifications({ orgId }), deliverAlertNotifications({ orgId })]);
    expect(deliveries.reduce((n, d) => n + d.emails, 0)).toBeGreaterThanOrEqual(6);
    expect(await alertEmailsTo(engine(), members.finance.email)).toHaveLength(3);
    expect(await alertEmailsTo(engine(), members.admin.email)).toHaveLength(3);
  });
});

describe("the alerts.evaluate job", () => {
  it("runs from requestAlertEvaluation through the worker's kinds and delivers its emails", async () => {
    const { orgId, members } = await world();
    const po = await insertPurchaseOrder(engine(), orgId, { number: "PO-JOB", spent: at("99.99") });
    const job = await asServiceOn(engine(), (tx) => requestAlertEvaluation(tx, orgId, [po], { key: "import:test" }));
    const again = await asServiceOn(engine(), (tx) => requestAlertEvaluation(tx, orgId, [po], { key: "import:test" }));
    expect(again).toEqual({ id: job!.id, created: false });
    expect(await asServiceOn(engine(), (tx) => requestAlertEvaluation(tx, orgId, []))).toBeUndefined();
    expect(await runAlertJobs(engine())).toMatchObject({ succeeded: 1, failed: 0 });
    const row = await engine().transaction((tx) =>
      tx.one<{ status: string; result: { opened: number; delivery: { emails: number } } }>(sql`select status, result from public.jobs where id = ${job!.id}`),
    );
    expect(row).toMatchObject({ status: "succeeded", result: { opened: 1, delivery: { emails: 2 } } });
    expect((await alertEmailsTo(engine(), members.finance.email)).map((m) => m.subject)).toEqual(["PO-JOB reached Critical (99.99 %)"]);
  });

  it("is scheduled hourly for each organization with an open PO, once per time slot", async () => {
    const { orgId } = await world();
    const { orgId: idle } = await world();
    await insertPurchaseOrder(engine(), orgId, { spent: at("50") });
    await insertPurchaseOrder(engine(), idle, { spent: at("95"), status: "closed" });
    expect(alertsEvaluateSchedule).toMatchObject({ name: "alerts.evaluate", runner: "alert-evaluate", everySeconds: 3600 });
    expect(jobRegistry.schedulesFor("alert-evaluate").map((s) => s.name)).toEqual(["alerts.evaluate"]);
    const slot = new Date("2026-11-30T10:20:00Z");
    await enqueueScheduled(jobDatabase(engine()), jobRegistry, [alertsEvaluateSchedule], slot);
    await enqueueScheduled(jobDatabase(engine()), jobRegistry, [alertsEvaluateSchedule], new Date("2026-11-30T10:59:00Z"));
    const jobs = await engine().transaction((tx) =>
      tx.query<{ org_id: string; payload: unknown }>(sql`select org_id, payload from public.jobs where kind = 'alerts.evaluate' and org_id in (${orgId}, ${idle})`),
    );
    expect(jobs).toEqual([{ org_id: orgId, payload: { orgId } }]);
  });

  it("refuses a payload that is not one organization's POs", async () => {
    const { orgId } = await world();
    await expect(asServiceOn(engine(), (tx) => requestAlertEvaluation(tx, orgId, ["not-a-uuid"]))).rejects.toThrow();
  });
});

describe("the demo", () => {
  it("queues one evaluation after the seed; without procurement data (an older database) the stand-in POs give alerts at each level and emails", async () => {
    const { org, members } = await createOrgWithMembers(engine(), "acme");
    await engine().transaction((tx) => seedAlertsDemo(tx, org.id, "acme"));
    await engine().transaction((tx) => seedAlertsDemo(tx, org.id, "acme"));
    const jobs = await engine().transaction((tx) => tx.query(sql`select id from public.jobs where org_id = ${org.id} and kind = 'alerts.evaluate'`));
    expect(jobs).toHaveLength(1);
    expect(await runAlertJobs(engine())).toMatchObject({ failed: 0 });
    const [job] = await engine().transaction((tx) => tx.query<{ status: string }>(sql`select status from public.jobs where id = ${jobs[0]!.id as string}`));
    expect(job!.status).toBe("succeeded");
    const levels = await engine().transaction((tx) =>
      tx.query<{ level: string }>(sql`select level from public.alerts where org_id = ${org.id} and status = 'open' order by level`),
    );
    expect(levels.map((l) => l.level)).toEqual(["critical", "over_budget", "warning"]);
    expect((await alertEmailsTo(engine(), members.finance.email)).map((m) => m.subject).sort()).toEqual([
      "PO-ALERT-102 reached Warning (78.00 %)",
      "PO-ALERT-103 reached Critical (93.50 %)",
      "PO-ALERT-104 reached Over budget (109.00 %)",
    ]);
  });

  it("on a first start the alerts come from Acme's seeded purchase orders, not stand-ins", async () => {
    // Its own organization (the test above made one with the stand-ins), seeded as Acme.
    const { org, members } = await createOrgWithMembers(engine(), "acme-seeded");
    // The order seed-demo runs them in: procurement first, then the alerts' evaluation.
    await engine().transaction(async (tx) => {
      await seedProcurementDemo(tx, org.id, "acme");
      await seedAlertsDemo(tx, org.id, "acme");
    });
    expect(await runAlertJobs(engine())).toMatchObject({ failed: 0 });
    const alerts = await engine().transaction((tx) =>
      tx.query<{ level: string; po_number: string; source: string; expected: string }>(sql`
        select a.level, p.po_number, p.source,
               case when p.order_value = 0 and p.spent > 0 then 'over_budget'
                    when p.utilization_percent >= o.alert_over_budget_pct then 'over_budget'
                    when p.utilization_percent >= o.alert_critical_pct then 'critical' else 'warning' end as expected
          from public.alerts a join public.purchase_orders p on p.id = a.po_id join public.organizations o on o.id = a.org_id
         where a.org_id = ${org.id} and a.status = 'open'`),
    );
    expect(alerts.filter((a) => a.po_number.startsWith("PO-ALERT-"))).toEqual([]);
    expect(new Set(alerts.map((a) => a.level))).toEqual(new Set(["warning", "critical", "over_budget"]));
    for (const a of alerts) expect(a.level, a.po_number).toBe(a.expected);
    // Every escalation reached finance: one email per PO, or one digest naming them all.
    const emails = await alertEmailsTo(engine(), members.finance.email);
    expect(emails.length).toBeGreaterThan(0);
    const text = emails.map((m) => `${m.subject}\n${m.text_body}`).join("\n");
    for (const a of alerts) expect(text, a.po_number).toContain(a.po_number);
  });
});
