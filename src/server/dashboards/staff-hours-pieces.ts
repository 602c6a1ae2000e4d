/** Rows of practice_staff_hours to add (sign 1) or subtract (sign -1): one grain, periods `from`..`to`. */
export interface StaffHoursPiece {
  grain: "day" | "month" | "year";
  from: string;
  to: string;
  sign: 1 | -1;
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

/**
 * The fewest rollup rows that sum to the hours of the days `from`..`to` (ISO dates): each calendar
 * year the range touches is read as its year row less the months outside the range, or as its
 * months, whichever is fewer rows (months after the current one usually hold nothing); the whole
 * months then lose the days outside the range at either end. A year to date is one row per staff
 * member, the last twelve months two, instead of twelve.
 */
export function staffHoursPieces(from: string, to: string, now: Date = new Date()): StaffHoursPiece[] {
  if (from > to) return [];
  const [fy, fm] = [Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1];
  const [ty, tm, td] = [Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10))];
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const pieces: StaffHoursPiece[] = [];
  for (let y = fy; y <= ty; y++) {
    const first = y === fy ? fm : 0;
    const last = y === ty ? tm : 11;
    // Months of this year outside the range that may hold hours (none after the current month).
    const outside = [...Array(12).keys()].filter((m) => (m < first || m > last) && y * 12 + m <= current).length;
    if (outside < last - first + 1) {
      pieces.push({ grain: "year", from: iso(y, 0, 1), to: iso(y, 0, 1), sign: 1 });
      if (first > 0) pieces.push({ grain: "month", from: iso(y, 0, 1), to: iso(y, first - 1, 1), sign: -1 });
      if (last < 11) pieces.push({ grain: "month", from: iso(y, last + 1, 1), to: iso(y, 11, 1), sign: -1 });
    } else {
      pieces.push({ grain: "month", from: iso(y, first, 1), to: iso(y, last, 1), sign: 1 });
    }
  }
  if (from.slice(8, 10) !== "01") pieces.push({ grain: "day", from: iso(fy, fm, 1), to: iso(fy, fm, Number(from.slice(8, 10)) - 1), sign: -1 });
  const monthEnd = iso(ty, tm + 1, 0);
  if (to !== monthEnd) pieces.push({ grain: "day", from: iso(ty, tm, td + 1), to: monthEnd, sign: -1 });
  return pieces;
}
