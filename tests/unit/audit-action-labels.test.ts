import { describe, expect, it } from "vitest";

import { AUDIT_ACTION_LABELS, auditActionGroups } from "@/lib/audit-action-labels";
import { AUDIT_ACTIONS } from "@/lib/audit-actions";

describe("the audit log's Action filter", () => {
  const groups = auditActionGroups();
  const options = groups.flatMap((g) => g.actions);

  it("offers every action code once, as the value of a readable name", () => {
    expect(options.map((o) => o.value).sort()).toEqual([...AUDIT_ACTIONS].sort());
    for (const o of options) {
      expect(o.label).toBe(AUDIT_ACTION_LABELS[o.value]);
      // A name, not a code: no dots or underscores, a capital first.
      expect(o.label).toMatch(/^[A-Z][^._]*$/);
    }
    expect(new Set(options.map((o) => o.label)).size).toBe(options.length);
  });

  it("groups them by area, groups and names in alphabetical order", () => {
    const byName = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b, "en"));
    expect(groups.map((g) => g.label)).toEqual(byName(groups.map((g) => g.label)));
    for (const g of groups) expect(g.actions.map((a) => a.label)).toEqual(byName(g.actions.map((a) => a.label)));
    const groupOf = (code: string) => groups.find((g) => g.actions.some((a) => a.value === code))!.label;
    expect(groupOf("member.role_changed")).toBe("Members and invitations");
    expect(groupOf("auth.login_failed")).toBe(groupOf("account.deleted"));
    expect(groupOf("sync.triggered")).toBe(groupOf("integration.connected"));
    expect(AUDIT_ACTION_LABELS["member.role_changed"]).toBe("Role changed");
  });
});
