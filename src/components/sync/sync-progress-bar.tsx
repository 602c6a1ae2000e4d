import { cn } from "@/lib/utils";
import type { SyncRunView } from "@/lib/sync-views";

/**
 * A run's progress as the job reports it. Queued runs sit at 0 until a worker picks them up; a
 * finished run the viewer watched stays at 100% with its outcome, so the end is visible too.
 */
export function SyncProgressBar({ run, label }: { run: SyncRunView; label: string }) {
  const active = run.status === "queued" || run.status === "running";
  const raw = active ? (run.progress.percent ?? 0) : 100;
  const percent = Math.min(100, Math.max(0, Math.round(raw)));
  const detail = active
    ? run.status === "queued"
      ? "Waiting for a worker to start the sync…"
      : [run.progress.entity, run.progress.message].filter(Boolean).join(": ") || "Starting…"
    : run.status === "succeeded"
      ? "Finished"
      : run.status === "partial"
        ? "Stopped at Xero's daily limit; the rest follows later"
        : run.status === "failed"
          ? (run.error ?? "The sync failed")
          : "Cancelled";
  // The entity is already in the message when the job repeats it ("Invoices: page 2").
  const text = active && run.progress.entity && run.progress.message?.startsWith(run.progress.entity) ? run.progress.message : detail;
  return (
    <div className="grid gap-1.5" data-testid="sync-progress" data-status={run.status}>
      <div className="flex items-center justify-between gap-2 text-sm">
        <span className="truncate" aria-hidden="true">{text}</span>
        <span className="tabular-nums text-muted-foreground" aria-hidden="true">{percent}%</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% — ${text}`}
        className="h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn(
            "h-full rounded-full transition-[width] duration-500",
            run.status === "failed" ? "bg-destructive" : run.status === "partial" ? "bg-warning" : run.status === "succeeded" ? "bg-success" : "bg-primary",
            run.status === "queued" && "animate-pulse",
          )}
          style={{ width: `${run.status === "queued" ? 4 : percent}%` }}
        />
      </div>
    </div>
  );
}
