import { formatMoney as formatMoneyIn } from "@/lib/format-money";

/** Amounts in the organization's currency, through the one money formatter (src/lib/format-money.ts). */
export function formatMoney(value: number, currency: string, compact = false, locale?: string): string {
  return formatMoneyIn(value, currency, { compact, locale });
}

export function formatNumber(value: number, digits = 1, locale?: string): string {
  return new Intl.NumberFormat(locale ?? "en-GB", { maximumFractionDigits: digits }).format(value);
}
