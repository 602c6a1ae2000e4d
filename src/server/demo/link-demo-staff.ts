import type { FinanceDataset } from "./generate-finance-data";
import { DEMO_ORGANIZATIONS } from "./demo-organizations";

/**
 * Makes the demo organization's staff-role members XPM staff members too (same email, same name),
 * so signing in as `staff@acme.test` shows one's own row on the Practice dashboard. The last generated
 * staff members (associates) take their place. Applied wherever the demo dataset is generated (the
 * database seed and the Demo XPM), so a sync keeps the link.
 */
export function linkDemoStaff(data: FinanceDataset, slug: string): FinanceDataset {
  const members = DEMO_ORGANIZATIONS.find((o) => o.slug === slug)?.members.filter((m) => m.role === "staff") ?? [];
  members.forEach((member, i) => {
    const at = data.staff.externalId.length - 1 - i;
    if (at < 0) return;
    data.staff.email[at] = member.email;
    data.staff.name[at] = member.name;
  });
  return data;
}
