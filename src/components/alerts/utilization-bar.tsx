import type { UtilizationLevel } from "@/lib/procurement-views";
import { cn } from "@/lib/utils";

import { LEVEL_BAR_CLASS } from "./alert-level-style";

/**
 * Spend against order value as a bar coloured by level; past 100 % the bar is full. `percent` is
 * the exact decimal string (null when the order value is 0: a full bar, since any spend is over).
 */
export function UtilizationBar({ percent, level, label, className }: { percent: string | null; level: UtilizationLevel; label: string; className?: string }) {
  const value = percent === null ? (level === "over_budget" ? 100 : 0) : Number(percent);
  const width = Math.max(0, Math.min(100, value));
  return (
    <div className={cn("grid gap-1", className)}>
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium tabular-nums">{percent === null ? "No order value" : `${percent} %`}</span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={Math.max(100, Math.ceil(value))}
        aria-valuenow={value}
        aria-valuetext={percent === null ? "No order value" : `${percent} %`}
        className="h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className={cn("h-full rounded-full", LEVEL_BAR_CLASS[level])} style={{ width: `${width}%` }} />
      </div>
    </div>
  );
}
