/**
 * Periods of time as people say them ("last month", "Q3 2026", "in March", "year to date", "last 90
 * days"), resolved against today in the organization's time zone. Pure date arithmetic on ISO dates
 * (YYYY-MM-DD, UTC calendar), so the same question always gives the same range for the same day.
 */

export type PeriodGrain = "day" | "week" | "month" | "quarter" | "year" | "custom";

export interface Period {
  /** Inclusive ISO dates. */
  from: string;
  to: string;
  /** How a person reads it: "1 Jul – 30 Sep 2026". */
  label: string;
  /** A phrase the rules planner parses back to the same range ("Q3 2026", "2026-01-01 to 2026-03-15"). */
  phrase: string;
  /** The unit "the … before" steps by. */
  grain: PeriodGrain;
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTH_ALIASES: Record<string, number> = Object.fromEntries(
  MONTHS.flatMap((name, i) => [[name, i], [name.slice(0, 3), i], ...(name === "september" ? [["sept", i]] : [])]),
);
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, eighteen: 18, twenty: 20, thirty: 30, sixty: 60, ninety: 90, a: 1,
};

// ---- Calendar arithmetic ------------------------------------------------------------------------

const parts = (iso: string) => ({ y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)) - 1, d: Number(iso.slice(8, 10)) });
const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
export const addDays = (date: string, n: number) => {
  const { y, m, d } = parts(date);
  return iso(y, m, d + n);
};
const isMonthEnd = (date: string) => {
  const { y, m, d } = parts(date);
  return d === daysInMonth(y, m);
};
/** Moves a date by whole months; a month end stays a month end, other days are clamped. */
export function addMonths(date: string, n: number, keepMonthEnd = true): string {
  const { y, m, d } = parts(date);
  const target = new Date(Date.UTC(y, m + n, 1));
  const ty = target.getUTCFullYear();
  const tm = target.getUTCMonth();
  const last = daysInMonth(ty, tm);
  return iso(ty, tm, keepMonthEnd && isMonthEnd(date) ? last : Math.min(d, last));
}
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
const min = (a: string, b: string) => (a < b ? a : b);

// ---- Labels --------------------------------------------------------------------------------------

function dayLabel(date: string, withYear = true): string {
  const { y, m, d } = parts(date);
  return `${d} ${MONTH_SHORT[m]}${withYear ? ` ${y}` : ""}`;
}

export function rangeLabel(from: string, to: string): string {
  if (from === to) return dayLabel(from);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  return `${dayLabel(from, !sameYear)} – ${dayLabel(to)}`;
}

/** "as of 27 Jul 2026" */
export const asOfLabel = (date: string) => `as of ${dayLabel(date)}`;

/** A period of any dates, named by the phrase that parses back to it. */
export function customPeriod(from: string, to: string, grain: PeriodGrain = "custom"): Period {
  const { y: fy, m: fm, d: fd } = parts(from);
  let phrase = `${from} to ${to}`;
  if (fd === 1 && isMonthEnd(to) && from.slice(0, 4) === to.slice(0, 4)) {
    const tm = parts(to).m;
    if (fm === tm) phrase = `${MONTHS[fm]![0]!.toUpperCase()}${MONTHS[fm]!.slice(1)} ${fy}`;
    else if (fm % 3 === 0 && tm === fm + 2) phrase = `Q${fm / 3 + 1} ${fy}`;
    else if (fm === 0 && tm === 11) phrase = `${fy}`;
  }
  return { from, to, label: rangeLabel(from, to), phrase, grain };
}

function capped(from: string, to: string, today: string, grain: PeriodGrain, phrase?: string): Period {
  const end = min(to, today);
  const period = customPeriod(from, end, grain);
  // A period still running ("this quarter") keeps its own words, and its label says it runs to today.
  return phrase ? { ...period, phrase } : period;
}

// ---- Named periods -------------------------------------------------------------------------------

export function monthPeriod(year: number, month: number, today: string): Period {
  return capped(iso(year, month, 1), iso(year, month, daysInMonth(year, month)), today, "month");
}
export function quarterPeriod(year: number, quarter: number, today: string): Period {
  const m = (quarter - 1) * 3;
  return capped(iso(year, m, 1), iso(year, m + 2, daysInMonth(year, m + 2)), today, "quarter");
}
export function yearPeriod(year: number, today: string): Period {
  return capped(iso(year, 0, 1), iso(year, 11, 31), today, "year");
}

/** The dashboards' default range: the last twelve months, from the first of the month, up to today. */
export function lastMonthsPeriod(n: number, today: string): Period {
  const { y, m } = parts(today);
  const from = iso(y, m - (n - 1), 1);
  return { ...customPeriod(from, today, "month"), phrase: `last ${n} months` };
}

export const defaultRangePeriod = (today: string) => lastMonthsPeriod(12, today);

/** The same span one step of `grain` (times `n`) earlier: like for like, a month end stays a month end. */
export function shiftPeriod(period: Period, grain: PeriodGrain, n = 1): Period {
  let from: string;
  let to: string;
  if (grain === "month" || grain === "quarter" || grain === "year") {
    const months = (grain === "month" ? 1 : grain === "quarter" ? 3 : 12) * n;
    from = addMonths(period.from, -months, false);
    to = addMonths(period.to, -months);
  } else {
    const days = grain === "week" ? 7 * n : daysBetween(period.from, period.to) * n;
    from = addDays(period.from, -days);
    to = addDays(period.to, -days);
  }
  return customPeriod(from, to, period.grain);
}

// ---- Parsing ---------------------------------------------------------------------------------------

export interface ParsedPeriods {
  period: Period | null;
  /** A second period to compare with. */
  compare: Period | null;
  /** "the month before", "before that": step the conversation's previous period back. */
  stepBack: PeriodGrain | null;
  /** "compared with last year" without a base period of its own: compare the base shifted by this. */
  compareShift: PeriodGrain | null;
  /** The text with the period phrases taken out (for the rest of the planner). */
  rest: string;
}

const COMPARE = String.raw`(?:compared?\s+(?:to|with)|vs\.?|versus|against|than|relative\s+to)`;
const UNIT = String.raw`(day|week|month|quarter|year)s?`;

interface Match {
  period: Period;
  index: number;
  length: number;
}

function numberOf(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word] ?? null;
}

/** Every period phrase in `text` (lower case), left to right. */
function findPeriods(text: string, today: string): Match[] {
  const { y, m } = parts(today);
  const found: Match[] = [];
  const add = (re: RegExp, make: (g: RegExpExecArray) => Period | null) => {
    for (const g of text.matchAll(new RegExp(re.source, "g"))) {
      const period = make(g as RegExpExecArray);
      if (period) found.push({ period, index: g.index ?? 0, length: g[0].length });
    }
  };

  // Explicit dates first: "2026-01-01 to 2026-03-31", "between … and …".
  add(/(?:from\s+|between\s+)?(\d{4}-\d{2}-\d{2})\s*(?:to|until|and|–|-)\s*(\d{4}-\d{2}-\d{2})/, (g) => {
    const [a, b] = [g[1]!, g[2]!];
    if (Number.isNaN(Date.parse(a)) || Number.isNaN(Date.parse(b)) || a > b) return null;
    return customPeriod(a, min(b, today));
  });
  add(/\b(?:year[\s-]to[\s-]date|ytd|so\s+far\s+this\s+year)\b/, () => ({ ...yearPeriod(y, today), phrase: "year to date" }));
  add(/\b(?:quarter[\s-]to[\s-]date|qtd)\b/, () => ({ ...quarterPeriod(y, Math.floor(m / 3) + 1, today), phrase: "this quarter" }));
  add(/\b(?:month[\s-]to[\s-]date|mtd)\b/, () => ({ ...monthPeriod(y, m, today), phrase: "this month" }));
  add(/\b(this|current)\s+(week|month|quarter|year)\b/, (g) => thisUnit(g[2]!, today));
  add(/\b(?:last|previous|prior)\s+(week|month|quarter|year)\b/, (g) => lastUnit(g[1]!, today));
  add(new RegExp(String.raw`\b(?:last|past|previous|trailing)\s+(\d+|[a-z]+)\s+${UNIT}\b`), (g) => {
    const n = numberOf(g[1]!);
    if (!n || n > 3660) return null;
    return rolling(n, g[2]!, today);
  });
  add(/\b(?:past|trailing)\s+(week|month|quarter|year)\b/, (g) =>
    g[1] === "year" ? { ...lastMonthsPeriod(12, today), phrase: "last 12 months" }
    : g[1] === "quarter" ? { ...lastMonthsPeriod(3, today), phrase: "last 3 months" }
    : rolling(g[1] === "week" ? 7 : 30, "day", today),
  );
  add(/\btoday\b/, () => ({ ...customPeriod(today, today, "day"), phrase: "today" }));
  add(/\byesterday\b/, () => ({ ...customPeriod(addDays(today, -1), addDays(today, -1), "day"), phrase: "yesterday" }));
  // Quarters: "Q3 2026", "q3", "3rd quarter of 2025".
  add(/\bq([1-4])(?:\s*[-/]?\s*(\d{4}))?\b/, (g) => quarterOf(Number(g[1]), g[2], today));
  add(/\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+(?:of\s+)?(\d{4}))?\b/, (g) => {
    const q = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4 }[g[1]!]!;
    return quarterOf(q, g[2], today);
  });
  // Months: "March 2026", "in March", "since March". A bare "may" is a verb unless it follows in/for/during/since.
  add(/\b(in|for|during|since|of)?\s*(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b(?:\s+(\d{4}))?/, (g) => {
    const name = g[2]!;
    const preposition = g[1];
    if ((name === "may" || name === "mar") && !preposition && !g[3]) return null;
    const month = MONTH_ALIASES[name]!;
    const year = g[3] ? Number(g[3]) : month > m ? y - 1 : y;
    if (preposition === "since") return { ...customPeriod(iso(year, month, 1), today, "custom"), phrase: `${iso(year, month, 1)} to ${today}` };
    return monthPeriod(year, month, today);
  });
  // Years: "2025", "in 2025", "FY2025" is read as the calendar year.
  add(/\b(?:fy\s?)?(20\d{2}|19\d{2})\b/, (g) => {
    const year = Number(g[1]);
    if (year > y) return null;
    return yearPeriod(year, today);
  });

  // Overlaps: the earliest, then the longest (so "march 2026" wins over "2026", "q3 2026" over "2026").
  found.sort((a, b) => a.index - b.index || b.length - a.length);
  const kept: Match[] = [];
  for (const f of found) {
    const last = kept[kept.length - 1];
    if (last && f.index < last.index + last.length) continue;
    kept.push(f);
  }
  return kept;
}

function thisUnit(unit: string, today: string): Period {
  const { y, m } = parts(today);
  if (unit === "week") {
    const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
    return { ...customPeriod(addDays(today, -dow), today, "week"), phrase: "this week" };
  }
  if (unit === "month") return { ...monthPeriod(y, m, today), phrase: "this month" };
  if (unit === "quarter") return { ...quarterPeriod(y, Math.floor(m / 3) + 1, today), phrase: "this quarter" };
  return { ...yearPeriod(y, today), phrase: "this year" };
}

function lastUnit(unit: string, today: string): Period {
  const { y, m } = parts(today);
  if (unit === "week") {
    const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
    const monday = addDays(today, -dow - 7);
    return { ...customPeriod(monday, addDays(monday, 6), "week"), phrase: "last week" };
  }
  if (unit === "month") {
    const d = new Date(Date.UTC(y, m - 1, 1));
    return { ...monthPeriod(d.getUTCFullYear(), d.getUTCMonth(), today), phrase: "last month" };
  }
  if (unit === "quarter") {
    const q = Math.floor(m / 3);
    return { ...(q === 0 ? quarterPeriod(y - 1, 4, today) : quarterPeriod(y, q, today)), phrase: "last quarter" };
  }
  return { ...yearPeriod(y - 1, today), phrase: "last year" };
}

function rolling(n: number, unit: string, today: string): Period {
  if (unit === "month") return lastMonthsPeriod(n, today);
  if (unit === "year") return { ...lastMonthsPeriod(12 * n, today), phrase: `last ${n} years` };
  const days = unit === "week" ? 7 * n : n;
  return { ...customPeriod(addDays(today, -(days - 1)), today, unit === "week" ? "week" : "custom"), phrase: `last ${n} ${unit}s` };
}

function quarterOf(q: number, yearText: string | undefined, today: string): Period | null {
  const { y, m } = parts(today);
  const year = yearText ? Number(yearText) : (q - 1) * 3 > m ? y - 1 : y;
  if (year > y || (year === y && (q - 1) * 3 > m)) return null;
  return quarterPeriod(year, q, today);
}

const STEP_BACK = new RegExp(String.raw`\b(?:the\s+)?(week|month|quarter|year|period)\s+(?:before|prior|earlier)\b|\bbefore\s+that\b|\bthe\s+previous\s+(period)\b`);
const COMPARE_SHIFT = new RegExp(
  String.raw`${COMPARE}\s+(?:the\s+)?(?:(?:same\s+(?:period|time|quarter|month|week)\s+)?(?:last|previous|prior)\s+(year|quarter|month|week|period)|(?:a|one)\s+(year|quarter|month|week)\s+(?:ago|earlier|before)|(year|quarter|month|week|period)\s+(?:before|prior|earlier))\b|\b(year[\s-](?:over|on)[\s-]year|yoy|month[\s-](?:over|on)[\s-]month|mom|quarter[\s-](?:over|on)[\s-]quarter|qoq)\b`,
);

/**
 * The periods a question names. "this year vs last year" gives a base and a like-for-like
 * comparison (the same dates a year earlier); "Q3 2026 vs Q3 2025" compares the two as said.
 */
export function parsePeriods(question: string, today: string): ParsedPeriods {
  let text = question.toLowerCase().replace(/[’']/g, "'");
  let stepBack: PeriodGrain | null = null;
  let compareShift: PeriodGrain | null = null;

  const shift = text.match(COMPARE_SHIFT);
  if (shift) {
    const unit = shift[1] ?? shift[2] ?? shift[3] ?? shift[4] ?? "year";
    const word = unit.startsWith("year") || unit === "yoy" ? "year" : unit.startsWith("quarter") || unit === "qoq" ? "quarter" : unit.startsWith("month") || unit === "mom" ? "month" : unit;
    compareShift = word === "period" ? "custom" : (word as PeriodGrain);
    text = text.replace(COMPARE_SHIFT, " ");
  }

  const step = text.match(STEP_BACK);
  if (step) {
    const unit = (step[1] ?? step[2] ?? "period") as string;
    stepBack = unit === "period" ? "custom" : (unit as PeriodGrain);
    text = text.replace(STEP_BACK, " ");
  }

  const matches = findPeriods(text, today);
  let period = matches[0]?.period ?? null;
  let compare: Period | null = null;
  if (matches.length >= 2) {
    const between = text.slice(matches[0]!.index + matches[0]!.length, matches[1]!.index);
    if (/^\s*(?:to|until|till|through|thru|-|–)\s*$/.test(between)) {
      // "from March to June": one range.
      period = customPeriod(matches[0]!.period.from, matches[1]!.period.to);
    } else {
      compare = matches[1]!.period;
      // "this year vs last year": the natural predecessor of a period still running is compared like for like.
      if (period && /^this (month|quarter|year)$|^year to date$/.test(period.phrase) && /^last (month|quarter|year)$/.test(compare.phrase)) {
        const unit = compare.phrase.slice(5) as PeriodGrain;
        compare = shiftPeriod(period, unit);
      }
    }
  }
  if (period && compareShift && !compare) {
    compare = shiftPeriod(period, compareShift === "custom" ? period.grain === "custom" ? "custom" : period.grain : compareShift);
    compareShift = null;
  }
  let rest = text;
  for (const m of [...matches].reverse()) rest = rest.slice(0, m.index) + " " + rest.slice(m.index + m.length);
  if (!period) period = null;
  return { period, compare, stepBack, compareShift, rest: rest.replace(/\s+/g, " ").trim() };
}
