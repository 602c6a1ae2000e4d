import { METRIC_CATALOG } from "./metric-catalog";
import type { MetricAccess } from "./metric-access";
import type { Dimension, FilterKind, MetricDefinition } from "./metric-types";
import { fitPlan, type FilterRequest, type Plan } from "./plan";
import { defaultRangePeriod, parsePeriods, shiftPeriod, type Period } from "./periods";

/**
 * The rules planner: a deterministic reading of the common shapes of question ("revenue by month
 * this year", "top 5 clients by WIP", "how did revenue this quarter compare with last year?", "and
 * the month before?"). Always available, offline, and the fallback of the model planner. It only
 * ever produces a plan over the metrics it is given, a refusal that says why, or "I don't know"
 * with questions it can answer.
 */

export interface PlannerContext {
  today: string;
  access: MetricAccess;
  /** The plan of the conversation's previous answer, for follow-ups ("and the month before?"). */
  previous: Plan | null;
}

export type PlannerOutcome =
  | { kind: "plan"; plan: Plan }
  | { kind: "refusal"; metricId: string; reason: string }
  | { kind: "unknown"; reason: string };

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15, twenty: 20, fifty: 50,
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const phrase = (s: string) => new RegExp(`(?:^|[^a-z0-9])${escape(s)}(?:$|[^a-z0-9])`);

/** Lower case, curly quotes straightened, question marks and commas made spaces. */
function normalize(text: string): string {
  return ` ${text.toLowerCase().replace(/[’']/g, "'").replace(/[?!;:,()]/g, " ").replace(/\s+/g, " ").trim()} `;
}

/** The metric a question names: the longest synonym found, with purchase-order wording taking precedence. */
function detectMetric(text: string): MetricDefinition | null {
  let best: { metric: MetricDefinition; score: number } | null = null;
  const matched = new Set<string>();
  for (const metric of METRIC_CATALOG) {
    for (const synonym of metric.synonyms) {
      if (!phrase(synonym).test(text)) continue;
      matched.add(metric.id);
      if (!best || synonym.length > best.score) best = { metric, score: synonym.length };
    }
  }
  // "utilization of our POs", "PO budgets", "spent on purchase orders": the purchase-order metric.
  if (matched.has("po_utilization") && best && ["utilization", "budget_vs_actual", "expenses"].includes(best.metric.id)) {
    return METRIC_CATALOG.find((m) => m.id === "po_utilization") ?? best.metric;
  }
  return best?.metric ?? null;
}

const ENTITY_WORDS: { re: RegExp; dimension: Dimension }[] = [
  { re: /(contacts?|customers?|clients?|debtors?|payers?)/, dimension: "contact" },
  { re: /(suppliers?|vendors?)/, dimension: "supplier" },
  { re: /(staff(?: members?)?|employees?|people|persons?|team members?|accountants?)/, dimension: "staff" },
  { re: /(jobs?|projects?)/, dimension: "job" },
  { re: /(purchase orders?|pos)/, dimension: "po" },
  { re: /(aging buckets?|buckets?)/, dimension: "bucket" },
];
const DIMENSION_LEAD = String.raw`(?:by|per|for each|each|every|which|what|top(?:\s+\d+)?|biggest|largest|highest|lowest|most|across|all|split by|broken down by|breakdown by|grouped by)`;

function detectDimension(text: string, metric: MetricDefinition | null): Dimension | null {
  if (/\b(by|per|each|every|over the)\s+months?\b|\bmonthly\b|\bmonth[\s-]by[\s-]month\b|\btrend\b|\bover time\b|\bmonth on month\b/.test(text)) return "month";
  if (/\b(by|per|each|every)\s+quarters?\b|\bquarterly\b/.test(text)) return "quarter";
  if (/\b(by|per|each|every)\s+years?\b|\byearly\b|\bannual(ly)?\b|\byear by year\b/.test(text)) return "year";
  for (const { re, dimension } of ENTITY_WORDS) {
    if (new RegExp(String.raw`\b${DIMENSION_LEAD}\s+(?:the\s+)?(?:\d+\s+|[a-z]+\s+)?${re.source}\b`).test(text) || new RegExp(String.raw`\b${re.source}\s+(?:breakdown|ranking|list)\b`).test(text)) {
      return fitDimension(dimension, metric);
    }
  }
  // "who billed the most hours", "who paid us the most": people for practice metrics, contacts otherwise.
  if (/\bwho\b/.test(text) && metric) {
    if (metric.dimensions.includes("staff")) return "staff";
    const entity = metric.dimensions.find((d) => d === "contact" || d === "client" || d === "supplier");
    if (entity) return entity;
  }
  return null;
}

/** Contacts, clients and suppliers are the same idea in different systems: use the one the metric has. */
function fitDimension(dimension: Dimension, metric: MetricDefinition | null): Dimension {
  if (!metric || metric.dimensions.includes(dimension)) return dimension;
  const family: Dimension[] = ["contact", "client", "supplier"];
  if (family.includes(dimension)) return family.find((d) => metric.dimensions.includes(d)) ?? dimension;
  return dimension;
}

function detectTopN(text: string): number | null {
  const n = (w: string) => (/^\d+$/.test(w) ? Number(w) : (NUMBER_WORDS[w] ?? null));
  const top = text.match(/\btop\s+(\d+|[a-z]+)\b/);
  if (top) return n(top[1]!) ?? 10;
  const lead = text.match(/\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|fifty)\s+(?:biggest|largest|highest|top|best|worst|most|lowest|smallest)\b/);
  if (lead) return n(lead[1]!);
  if (/\b(top|biggest|largest|highest|most|best|worst)\b/.test(text)) return 10;
  return null;
}

const KIND_WORDS: Record<string, FilterKind> = {
  client: "client", customer: "contact", contact: "contact", supplier: "supplier", vendor: "supplier", job: "job", project: "job",
  "staff member": "staff", employee: "staff", person: "staff",
};
const NOT_NAMES = /^(?:i|we|us|our|me|my|the|a|an|this|last|next|previous|today|yesterday|top|bottom|all|each|every|month|months|quarter|quarters|year|years|week|weeks|day|days|q[1-4]|fy\d*|\d+|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|ytd|mtd|qtd|wip|dso|po|pos|xero|xpm|nzd|aud|usd|gbp|eur)$/i;

/** Names a question filters by: quoted text, or a capitalized name after for/from/of/by, or after a kind word. */
function detectFilters(question: string): FilterRequest[] {
  const found: FilterRequest[] = [];
  const seen = new Set<string>();
  const add = (kindWord: string | undefined, raw: string) => {
    const text = raw.replace(/\s+(?:of|and|&|de|la)$/i, "").replace(/[?.!,;:]+$/, "").trim();
    if (text.length < 2 || text.length > 120) return;
    const words = text.split(/\s+/);
    if (words.every((w) => NOT_NAMES.test(w))) return;
    if (seen.has(text.toLowerCase())) return;
    seen.add(text.toLowerCase());
    found.push({ kind: kindWord ? (KIND_WORDS[kindWord.toLowerCase()] ?? null) : null, text });
  };
  const kinds = String.raw`(client|customer|contact|supplier|vendor|job|project|staff member|employee|person)`;
  for (const m of question.matchAll(new RegExp(String.raw`(?:\b${kinds}\s+)?["“]([^"”]{2,120})["”]`, "gi"))) add(m[1], m[2]!);
  const withoutQuotes = question.replace(/["“][^"”]*["”]/g, " ");
  for (const m of withoutQuotes.matchAll(new RegExp(String.raw`\b(?:for|from|of|with|at|to)\s+(?:the\s+)?${kinds}\s+(.+?)(?=\s+(?:in|during|for|from|since|this|last|by|per|over|between|vs|versus|compared|and|than|so|year|month|quarter|top)\b|[?.!,;]|$)`, "gi"))) {
    add(m[1], m[2]!);
  }
  for (const m of withoutQuotes.matchAll(/\b(?:for|from|of|by|with|at|to)\s+((?:[A-Z0-9][\w&'’.-]*)(?:\s+(?:[A-Z0-9&][\w&'’.-]*|of|and|&|de|la))*)/g)) {
    const candidate = m[1]!;
    // A leading kind word ("Client Harbour Ltd") was handled above.
    if (/^(client|customer|contact|supplier|vendor|job|project)\b/i.test(candidate)) continue;
    add(undefined, candidate);
  }
  // A person's or company's name without a preposition ("did Chloe Wu bill"): two or more
  // capitalized words after the first word of the question.
  if (found.length === 0) {
    const vocabulary = new Set(METRIC_CATALOG.flatMap((m) => m.synonyms.filter((x) => !x.includes(" "))));
    for (const m of withoutQuotes.matchAll(/(?<=\S\s+)((?:[A-Z][a-z][\w&'’.-]*)(?:\s+(?:[A-Z][\w&'’.-]*|&|of|and))*\s+[A-Z][\w&'’.-]*)/g)) {
      const words = m[1]!.split(/\s+/);
      if (words.some((word) => NOT_NAMES.test(word) || vocabulary.has(word.toLowerCase()))) continue;
      add(undefined, m[1]!);
    }
  }
  return found;
}

const FOLLOW_UP_LEAD = /^\s*(and|what about|how about|same|also|now|then|ok|okay|but|vs|versus|compared|again)\b/;

/** Plans a question, or says why it cannot. */
export function planQuestion(question: string, ctx: PlannerContext): PlannerOutcome {
  const parsed = parsePeriods(question, ctx.today);
  const text = normalize(parsed.rest);
  const mentioned = detectMetric(text);
  const previous = ctx.previous;
  const continues = previous !== null && (mentioned === null || FOLLOW_UP_LEAD.test(question.toLowerCase()) || /\b(that|same period|those|it)\b/.test(text));

  // Without a metric, a question continues the conversation only if it changes something about it.
  const adjusts =
    parsed.period !== null || parsed.compare !== null || parsed.stepBack !== null || parsed.compareShift !== null ||
    detectDimension(text, null) !== null || detectTopN(text) !== null || FOLLOW_UP_LEAD.test(question.toLowerCase()) || /\b(that|those|it)\b/.test(text);
  if (!mentioned && (!previous || !adjusts)) {
    return { kind: "unknown", reason: "I could not match that question to a figure I can compute." };
  }
  const metric = mentioned ?? METRIC_CATALOG.find((m) => m.id === previous!.metric)!;
  if (!ctx.access.available.some((m) => m.id === metric.id)) {
    return { kind: "refusal", metricId: metric.id, reason: ctx.access.refused.get(metric.id) ?? `${metric.label} is not available to you.` };
  }

  const base: Plan | null = continues ? previous : null;
  const notes: string[] = [];

  // Period: as said; or stepped back from the previous one; or inherited; or the metric's default.
  let period: Period;
  let compare: Period | null = parsed.compare;
  if (parsed.period) {
    period = parsed.period;
  } else if (parsed.stepBack && base) {
    const grain = parsed.stepBack === "custom" ? (base.period.grain === "custom" ? "custom" : base.period.grain) : parsed.stepBack;
    period = shiftPeriod(base.period, grain);
    compare = null;
  } else if (base && samePeriodUse(base, metric)) {
    period = base.period;
    if (!parsed.compareShift && !compare) compare = base.compare;
  } else {
    period = defaultRangePeriod(ctx.today);
  }
  if (parsed.compareShift) {
    const grain = parsed.compareShift === "custom" ? (period.grain === "custom" ? "custom" : period.grain) : parsed.compareShift;
    compare = shiftPeriod(period, grain);
  }
  if (compare && compare.from > period.from && !parsed.compareShift) [period, compare] = [compare, period];

  const dimension = detectDimension(text, metric) ?? (base && metric.dimensions.includes(base.dimension as Dimension) ? base.dimension : null) ?? (parsed.period || base ? defaultDimensionFor(metric, period) : metric.defaultDimension);
  const topN = detectTopN(text) ?? (base && base.metric === metric.id ? base.topN : null);
  const filters = detectFilters(question);
  const inherited = filters.length === 0 && base && base.metric === metric.id ? base.filters : [];

  const plan: Plan = {
    metric: metric.id,
    dimension,
    period,
    compare,
    topN,
    filters: filters.length ? filters : inherited,
    notes,
  };
  return { kind: "plan", plan: fitPlan(plan, metric, ctx.today, parsed.period !== null || parsed.stepBack !== null) };
}

/** A follow-up keeps the previous period only between metrics that read periods the same way. */
function samePeriodUse(base: Plan, metric: MetricDefinition): boolean {
  const before = METRIC_CATALOG.find((m) => m.id === base.metric);
  return before?.periodUse === metric.periodUse;
}

/** A single month is a total; longer ranges are shown month by month (as the dashboards chart them). */
function defaultDimensionFor(metric: MetricDefinition, period: Period): Dimension | null {
  if (metric.defaultDimension !== "month") return metric.defaultDimension;
  const months = (Number(period.to.slice(0, 4)) - Number(period.from.slice(0, 4))) * 12 + Number(period.to.slice(5, 7)) - Number(period.from.slice(5, 7));
  return months >= 1 ? "month" : null;
}

/** Which metrics lead the examples: one of each kind of question first. */
const EXAMPLE_ORDER = ["top_debtors", "revenue", "wip", "po_utilization", "utilization", "cash_received", "budget_vs_actual", "billable_hours", "aging", "expenses", "dso", "receivables"];

/** Example questions over the metrics a caller may use: the follow-ups of "I don't know" and of a refusal. */
export function exampleQuestions(available: readonly MetricDefinition[], count = 3): string[] {
  const ordered = [...available].sort((a, b) => EXAMPLE_ORDER.indexOf(a.id) - EXAMPLE_ORDER.indexOf(b.id));
  const picks: string[] = [];
  for (let round = 0; picks.length < count && round < 4; round++) {
    for (const m of ordered) {
      const example = m.examples[round];
      if (example && !picks.includes(example)) picks.push(example);
      if (picks.length >= count) break;
    }
  }
  return picks;
}
