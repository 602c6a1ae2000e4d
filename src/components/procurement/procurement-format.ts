import type { Formatter } from "@/lib/formatter";
import type { PurchaseOrderStatus, UtilizationLevel } from "@/lib/procurement-views";

/**
 * How the procurement pages write percentages and levels. Amounts arrive as exact decimal strings;
 * they become numbers only to be displayed (through useFormat().money), and differences are taken in
 * whole cents.
 */
export const LEVEL_LABELS: Record<UtilizationLevel, string> = {
  on_track: "On track",
  warning: "Warning",
  critical: "Critical",
  over_budget: "Over budget",
};

export const STATUS_LABELS: Record<PurchaseOrderStatus, string> = { open: "Open", closed: "Closed", cancelled: "Cancelled" };

/** Fill colour of a utilization bar, text colour of a level, per level (theme tokens). */
export const LEVEL_BAR_CLASS: Record<UtilizationLevel, string> = {
  on_track: "bg-success",
  warning: "bg-warning",
  critical: "bg-destructive/70",
  over_budget: "bg-destructive",
};
export const LEVEL_TEXT_CLASS: Record<UtilizationLevel, string> = {
  on_track: "text-success",
  warning: "text-warning",
  critical: "text-destructive",
  over_budget: "text-destructive",
};

/** "75.00" → "75%", "74.99" → "74.99%" (in the organization's locale), null (order value 0) → "—". */
export function formatPercent(percent: string | null, format: Formatter): string {
  if (percent === null) return "—";
  return format.percent(Number(percent) / 100, { digits: 2 });
}

/** How much of a utilization bar is filled, 0–100: past the budget it is full, as is a zero-value PO with spend. */
export function barFill(percent: string | null, spent: string): number {
  if (percent === null) return toCents(spent) > 0n ? 100 : 0;
  return Math.min(100, Math.max(0, Number(percent)));
}

/** A decimal string in whole cents, exactly ("-0.10" → -10n). */
export function toCents(decimal: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(decimal.trim());
  if (!match) throw new Error(`Not a decimal amount: ${decimal}`);
  const [, sign, whole, fraction = ""] = match;
  const cents = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, "0"));
  return sign ? -cents : cents;
}

/** Cents back to a decimal string ("-10n" → "-0.10"). */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/** What is left of the budget (negative when overspent), exactly. */
export function remaining(orderValue: string, spent: string): string {
  return fromCents(toCents(orderValue) - toCents(spent));
}

/** Running totals of amounts in the given order, exactly ("to date" beside each QS). */
export function runningTotals(amounts: string[]): string[] {
  let sum = 0n;
  return amounts.map((a) => fromCents((sum += toCents(a))));
}

/** The utilization bar's words for screen readers and tooltips. */
export function utilizationText(percent: string | null, spent: string, level: UtilizationLevel, format: Formatter): string {
  const share = percent === null ? (toCents(spent) > 0n ? "spend against an order value of 0" : "nothing spent") : `${formatPercent(percent, format)} used`;
  return `${share} — ${LEVEL_LABELS[level]}`;
}
