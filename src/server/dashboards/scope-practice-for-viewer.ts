import type { PracticeData } from "@/lib/dashboard-views";
import type { PracticeScope } from "./practice-viewer-scope";

/**
 * The Practice data as the caller may see it, applied after loading (the loaders stay one query per
 * tile, whoever asks): the tiles are the team's totals for everyone; the per-person table and chart
 * keep only the caller's own rows unless they may see everyone's. Jobs and clients are the firm's
 * work, not a person's, so they stay.
 */
export function scopePracticeForViewer<T extends PracticeData>(data: T, scope: PracticeScope): T {
  if (scope.kind === "everyone") return { ...data, staffScope: "everyone" };
  return { ...data, staff: data.staff.filter((row) => scope.staffIds.includes(row.staffId)), staffScope: "own" };
}
