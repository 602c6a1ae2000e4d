import { cn } from "@/lib/utils";

/**
 * The progress of a job on an import (checking rows, importing, undoing), as the API reports it.
 * `percent` null means the total is not known yet: the bar pulses at the start.
 */
export function ImportProgressBar({ label, percent, detail, tone = "primary" }: { label: string; percent: number | null; detail: string; tone?: "primary" | "success" | "destructive" }) {
  const value = percent === null ? null : Math.min(100, Math.max(0, Math.round(percent)));
  return (
    <div className="grid gap-1.5" data-testid="import-progress">
      <div className="flex items-center justify-between gap-2 text-sm">
        <span className="truncate" aria-hidden="true">{detail}</span>
        <span className="tabular-nums text-muted-foreground" aria-hidden="true">{value === null ? "" : `${value}%`}</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value ?? undefined}
        aria-valuetext={value === null ? detail : `${value}% — ${detail}`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn(
            "h-full rounded-full transition-[width] duration-500",
            tone === "success" ? "bg-success" : tone === "destructive" ? "bg-destructive" : "bg-primary",
            value === null && "animate-pulse",
          )}
          style={{ width: `${value ?? 4}%` }}
        />
      </div>
    </div>
  );
}
