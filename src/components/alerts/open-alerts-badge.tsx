"use client";

import { useAlertSummary } from "./alert-queries";

/**
 * The count of open (unacknowledged) alerts beside "Alerts" in the navigation; nothing at zero.
 * Hidden from the link's name (it stays "Alerts") and read as its description through `id`.
 */
export function OpenAlertsBadge({ org, id }: { org: string; id?: string }) {
  const summary = useAlertSummary(org);
  const open = summary.data?.open ?? 0;
  if (open === 0) return null;
  return (
    <span
      id={id}
      aria-hidden="true"
      data-testid="open-alerts-badge"
      className="ml-auto inline-flex min-w-5 items-center justify-center rounded-full bg-destructive px-1.5 text-xs font-semibold text-destructive-foreground tabular-nums"
    >
      {open > 99 ? "99+" : open}
      <span className="sr-only"> open alert{open === 1 ? "" : "s"}</span>
    </span>
  );
}
