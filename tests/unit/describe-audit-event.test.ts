import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit-actions";
import { auditDetails, describeIp } from "@/lib/audit-details";
import type { AuditEventView } from "@/lib/audit-views";
import { describeAuditEvent } from "@/lib/describe-audit-event";

const ADA = "11111111-1111-4111-8111-111111111111";
const OTTO = "22222222-2222-4222-8222-222222222222";

function event(action: AuditAction, overrides: Partial<AuditEventView> = {}): AuditEventView {
  return {
    id: 1,
    createdAt: "2026-11-30T00:00:00.000Z",
    actorUserId: ADA,
    actorEmail: "ada@example.test",
    actorName: "Ada",
    actorType: "user",
    action,
    targetType: null,
    targetId: null,
    targetName: null,
    targetEmail: null,
    metadata: {},
    ip: "::1",
    userAgent: null,
    requestId: null,
    ...overrides,
  };
}

describe("the audit log's sentences", () => {
  it.each(AUDIT_ACTIONS)("%s reads as a sentence, without its code", (action) => {
    const { text, parts } = describeAuditEvent(event(action, { metadata: { email: "someone@example.test" } }));
    expect(text).not.toContain(action);
    expect(text).not.toMatch(/^did /);
    expect(text).toMatch(/^[A-Z]/);
    expect(text).not.toMatch(/undefined|null|\[object/);
    expect(parts.length).toBeGreaterThan(0);
  });

  it("names both people of a role change, linked, with the roles in words", () => {
    const sentence = describeAuditEvent(
      event("member.role_changed", { targetType: "user", targetId: OTTO, targetName: "Otto", targetEmail: "otto@example.test", metadata: { from: "staff", to: "operator" } }),
    );
    expect(sentence.text).toBe("Ada changed Otto's role from staff to operator");
    const people = sentence.parts.flatMap((p) => (typeof p === "string" ? [] : [p.person]));
    expect(people).toEqual([
      { userId: ADA, label: "Ada", email: "ada@example.test" },
      { userId: OTTO, label: "Otto", email: "otto@example.test" },
    ]);
  });

  it("falls back to the email, then to plain words, never to an id", () => {
    expect(describeAuditEvent(event("auth.logout", { actorName: null })).text).toBe("ada@example.test signed out");
    const gone = describeAuditEvent(event("member.removed", { actorName: null, actorEmail: null, targetType: "user", targetId: OTTO }));
    expect(gone.text).toBe("A former member removed a former member from the organization");
    expect(gone.text).not.toContain(OTTO);
    expect(describeAuditEvent(event("member.joined", { actorName: null, actorEmail: null, metadata: { email: "ivy@example.test", role: "finance" } })).text).toBe(
      "ivy@example.test accepted the invitation and joined as finance",
    );
    expect(describeAuditEvent(event("auth.login_failed", { actorUserId: null, actorEmail: null, actorName: null, actorType: "anonymous", metadata: { email: "x@example.test" } })).text).toBe(
      "A sign-in as x@example.test failed: wrong password or unknown address",
    );
  });

  it("names the settings an organization change touched", () => {
    const e = event("org.updated", { metadata: { changed: { timezone: { from: "Pacific/Auckland", to: "Europe/London" }, currency: { from: "NZD", to: "GBP" } } } });
    expect(describeAuditEvent(e).text).toBe("Ada changed the organization's time zone and currency");
    expect(auditDetails(e)).toEqual([
      { label: "Time zone", from: "Pacific/Auckland", to: "Europe/London" },
      { label: "Currency", from: "NZD", to: "GBP" },
    ]);
  });
});

describe("the audit log's details", () => {
  it("shows a role change as before → after and the other facts as labelled values", () => {
    expect(auditDetails(event("member.role_changed", { metadata: { from: "staff", to: "operator" } }))).toEqual([{ label: "Role", from: "Staff", to: "Operator" }]);
    expect(auditDetails(event("import.confirmed", { metadata: { fileName: "pos.xlsx", valid: 12, invalid: 0 } }))).toEqual([
      { label: "File", value: "pos.xlsx" },
      { label: "Valid rows", value: "12" },
      { label: "Invalid rows", value: "0" },
    ]);
  });

  it("says where an event came from in words for this computer and the local network", () => {
    expect(describeIp("::1")).toBe("this computer");
    expect(describeIp("127.0.0.1")).toBe("this computer");
    expect(describeIp("::ffff:127.0.0.1")).toBe("this computer");
    expect(describeIp("192.168.1.20")).toBe("the local network (192.168.1.20)");
    expect(describeIp("203.0.113.7")).toBe("203.0.113.7");
    expect(describeIp(null)).toBeNull();
  });
});
