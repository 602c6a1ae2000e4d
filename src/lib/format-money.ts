/**
 * Every amount of money the app shows goes through here: always two decimals ("NZ$244.60", never
 * "NZ$244.6"), in the organization's currency. `signed` puts a + on amounts above zero, for columns
 * that mean over or under (a variance, a change); `compact` ("NZ$1.2M") is for chart axes only.
 */
export function formatMoney(value: number, currency: string, options: { signed?: boolean; compact?: boolean; locale?: string } = {}): string {
  const { signed = false, compact = false, locale = "en-GB" } = options;
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: compact ? 0 : 2,
    maximumFractionDigits: compact ? 1 : 2,
    notation: compact ? "compact" : "standard",
    signDisplay: signed ? "exceptZero" : "auto",
  }).format(value);
}
