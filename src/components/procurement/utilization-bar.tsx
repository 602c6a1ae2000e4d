import { useFormat } from "@/components/format-provider";
import { cn } from "@/lib/utils";
import type { UtilizationLevel, UtilizationThresholds } from "@/lib/procurement-views";
import { barFill, formatPercent, LEVEL_BAR_CLASS, LEVEL_LABELS, LEVEL_TEXT_CLASS, utilizationText } from "./procurement-format";

/**
 * A PO's budget use: the share filled and coloured by its level, the organization's warning and
 * critical thresholds marked on the track, and the percentage and level in words (never colour alone).
 */
export function UtilizationBar({
  percent,
  spent,
  level,
  thresholds,
  label,
  className,
}: {
  percent: string | null;
  spent: string;
  level: UtilizationLevel;
  thresholds: UtilizationThresholds;
  /** What the bar measures, for screen readers ("Utilization of PO-1001"). */
  label: string;
  className?: string;
}) {
  const format = useFormat();
  const fill = barFill(percent, spent);
  const marks = [thresholds.warningPct, thresholds.criticalPct].filter((t) => t > 0 && t < 100);
  return (
    <div className={cn("grid min-w-28 gap-1", className)} data-testid="utilization-bar" data-level={level} data-percent={percent ?? ""}>
      <div className="flex items-baseline justify-between gap-2 text-xs" aria-hidden="true">
        <span className="font-medium tabular-nums">{formatPercent(percent, format)}</span>
        <span className={cn("font-medium", LEVEL_TEXT_CLASS[level])}>{LEVEL_LABELS[level]}</span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fill)}
        aria-valuetext={utilizationText(percent, spent, level, format)}
        className="relative h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className={cn("h-full rounded-full", LEVEL_BAR_CLASS[level])} style={{ width: `${fill}%` }} />
        {marks.map((t) => (
          <span key={t} aria-hidden="true" className="absolute inset-y-0 w-px bg-foreground/30" style={{ left: `${t}%` }} />
        ))}
      </div>
    </div>
  );
}
