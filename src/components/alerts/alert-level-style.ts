import type { UtilizationLevel } from "@/lib/procurement-views";

/** One colour per level, readable in both themes (tinted background, dark text; light text in dark mode). */
export const LEVEL_BADGE_CLASS: Record<UtilizationLevel, string> = {
  on_track: "border-success/40 bg-success/10 text-success",
  warning: "border-amber-500/50 bg-amber-500/15 text-amber-800 dark:text-amber-300",
  critical: "border-orange-600/50 bg-orange-600/15 text-orange-800 dark:text-orange-300",
  over_budget: "border-destructive/50 bg-destructive/15 text-red-800 dark:text-red-300",
};

export const LEVEL_BAR_CLASS: Record<UtilizationLevel, string> = {
  on_track: "bg-success",
  warning: "bg-amber-500",
  critical: "bg-orange-600",
  over_budget: "bg-destructive",
};
