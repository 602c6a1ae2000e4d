/**
 * Splits an inclusive range of ISO dates into the whole calendar months inside it and the days
 * around them, so a sum over the range reads one row per month where it can (the monthly rollup)
 * and day rows only for a partial first or last month. `months` is the first and the last whole
 * month (each the 1st of its month), or null when no month lies wholly inside; `days` are at most
 * two inclusive day ranges, before and after the months (or the whole range when there are none).
 */
export interface WholeMonths {
  months: { from: string; to: string } | null;
  days: { from: string; to: string }[];
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const DAY = 86_400_000;

export function wholeMonths(from: string, to: string): WholeMonths {
  if (from > to) return { months: null, days: [] };
  const f = new Date(utc(from));
  const t = new Date(utc(to));
  // The first whole month starts on `from` if that is a 1st, else on the next 1st.
  const first = f.getUTCDate() === 1 ? from : iso(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1, 1));
  // The last whole month ends on `to` if that is a month end, else at the end of the month before.
  const toIsMonthEnd = iso(utc(to) + DAY).endsWith("-01");
  const lastStart = iso(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + (toIsMonthEnd ? 0 : -1), 1));
  if (first > lastStart) return { months: null, days: [{ from, to }] };
  const lastEnd = iso(Date.UTC(Number(lastStart.slice(0, 4)), Number(lastStart.slice(5, 7)), 0));
  const days: WholeMonths["days"] = [];
  if (from < first) days.push({ from, to: iso(utc(first) - DAY) });
  if (lastEnd < to) days.push({ from: iso(utc(lastEnd) + DAY), to });
  return { months: { from: first, to: lastStart }, days };
}
