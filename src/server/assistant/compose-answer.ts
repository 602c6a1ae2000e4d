import type { AnswerDefinition, AnswerTable, AssistantAnswer, ChartSpec, TableColumn } from "@/lib/assistant-views";
import type { ExecutedPlan } from "./execute-plan";
import { DIMENSION_LABELS, TIME_DIMENSIONS, type MetricDefinition } from "./metric-types";
import { bucketLabel, formatFigure } from "./format-figures";
import { num, oneDecimal } from "./metrics/metric-sql";
import { describePlan } from "./plan";
import { asOfLabel } from "./periods";

/**
 * Turns an executed plan into the answer a person reads: the text (the rules planner's wording),
 * a data-only chart spec, the table behind it, "how this was computed" and follow-up questions.
 * Every figure in the text comes from the metric result or from `derivedFigures` below.
 */

export type AnswerBody = Omit<AssistantAnswer, "planner">;

export interface OrgFacts {
  currency: string;
  timezone: string;
}

/** Figures computed from a result that an answer may quote (change, share): part of the "tool result". */
export function derivedFigures(ex: ExecutedPlan): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const measure = ex.metric.measure;
  const total = ex.result?.totals[measure] ?? null;
  if (ex.compared) {
    const before = ex.compared.totals[measure] ?? null;
    if (total !== null && before !== null) {
      out.change = num(total - before);
      out.changeAbs = num(Math.abs(total - before));
      out.changePercent = before !== 0 ? oneDecimal(((total - before) / Math.abs(before)) * 100) : null;
      out.changePercentAbs = out.changePercent === null ? null : Math.abs(out.changePercent);
    }
  }
  if (ex.result && ex.plan.topN !== null && ex.result.rows.length > 0 && total) {
    const shown = ex.result.rows.reduce((s, r) => s + Number(r[measure] ?? 0), 0);
    out.shownTotal = num(shown);
    out.sharePercent = oneDecimal((shown / total) * 100);
  }
  return out;
}

const rowName = (row: Record<string, string | number | null>) => String(row.name ?? (row.key !== undefined ? bucketLabel(String(row.key)) : ""));
const isTime = (ex: ExecutedPlan) => ex.plan.dimension !== null && TIME_DIMENSIONS.includes(ex.plan.dimension);

function periodWords(ex: ExecutedPlan): string {
  const { metric, plan } = ex;
  if (metric.periodUse === "range") return `over ${plan.period.label}`;
  if (metric.periodUse === "none") return "currently";
  return asOfLabel(plan.period.to);
}

function headline(ex: ExecutedPlan, f: (v: number | null | undefined) => string, money: (v: number | null | undefined) => string): string {
  const { metric, plan, filters } = ex;
  const result = ex.result!;
  const t = result.totals;
  const forWho = filters.length ? ` for ${filters.map((x) => x.name).join(", ")}` : "";
  const when = periodWords(ex);
  switch (metric.id) {
    case "receivables":
      return `Customers${forWho ? ` (${forWho.slice(5)})` : ""} owe ${f(t.value ?? 0)} ${when}, of which ${f(t.overdue ?? 0)} is overdue.`;
    case "aging": {
      if (plan.dimension === "contact") return `Receivables${forWho} of ${f(t.value ?? 0)} ${when}, by contact and days past due.`;
      return `Receivables${forWho} of ${f(t.value ?? 0)} ${when}: current ${f(t.current ?? 0)}, 1–30 days ${f(t.d30 ?? 0)}, 31–60 days ${f(t.d60 ?? 0)}, 61–90 days ${f(t.d90 ?? 0)}, over 90 days ${f(t.d90plus ?? 0)}.`;
    }
    case "top_debtors": {
      const [first, ...rest] = result.rows;
      if (!first) return `Nobody owes anything ${when}.`;
      const next = rest.slice(0, 2).map((r) => `${rowName(r)} (${f(Number(r.value))})`);
      return `${rowName(first)} owes the most ${when}: ${f(Number(first.value))}, of which ${f(Number(first.overdue))} is overdue.${next.length ? ` Next: ${next.join(", ")}.` : ""} Customers owe ${f(t.value ?? 0)} in total.`;
    }
    case "dso":
      return t.value === null
        ? `DSO cannot be computed ${when}: there was no revenue in that period.`
        : `DSO is ${f(t.value)} ${when}: receivables of ${money(t.receivables)} owed today against revenue of ${money(t.revenue)} over ${t.days} days.`;
    case "wip":
      return `Work in progress${forWho} is ${f(t.value ?? 0)} ${asOfLabel(plan.period.to)}.`;
    case "billable_hours":
      return `${formatFigure(t.value ?? 0, "hours", "")} billable and ${formatFigure(t.nonBillable ?? 0, "hours", "")} non-billable were recorded${forWho} ${when}.`;
    case "utilization":
      return t.value === null
        ? `Utilization cannot be computed ${when}: nobody had capacity in that period.`
        : `Utilization${forWho} was ${f(t.value)} ${when}: ${formatFigure(t.billable ?? 0, "hours", "")} billable of ${formatFigure(t.capacity ?? 0, "hours", "")} of capacity.`;
    case "budget_vs_actual":
      return `${t.overBudget ?? 0} of ${t.jobs ?? 0} jobs with a budget active ${when}${forWho} are over budget; together they have used ${money(t.actual)} of ${money(t.budget)} budgeted.`;
    case "po_utilization":
      return t.utilization === null
        ? `No purchase orders${forWho} with an order value were found.`
        : `Purchase orders${forWho} (not cancelled) have spent ${money(t.spent)} of ${money(t.orderValue)} ordered: ${f(t.utilization)} utilized, across ${t.count ?? 0} ${plan.dimension === "supplier" ? "suppliers" : plan.dimension === "job" ? "jobs" : "purchase orders"}.`;
    default:
      return `${metric.label}${forWho} was ${f(t.value ?? 0)} ${when}.`;
  }
}

function detail(ex: ExecutedPlan, f: (v: number | null | undefined) => string): string[] {
  const { metric, plan } = ex;
  const result = ex.result!;
  const lines: string[] = [];
  const measure = metric.measure;
  const derived = derivedFigures(ex);
  if (ex.compared) {
    const before = ex.compared.totals[measure] ?? 0;
    const change = derived.change ?? 0;
    const direction = change > 0 ? "up" : change < 0 ? "down" : "unchanged";
    const pct = derived.changePercentAbs;
    lines.push(
      direction === "unchanged"
        ? `That is the same as over ${plan.compare!.label} (${f(before)}).`
        : `That is ${direction} ${f(derived.changeAbs ?? 0)}${pct !== null && pct !== undefined ? ` (${formatFigure(pct, "percent", "")})` : ""} on ${f(before)} over ${plan.compare!.label}.`,
    );
  }
  const rows = result.rows.filter((r) => r[measure] !== null && r[measure] !== undefined);
  if (isTime(ex) && rows.length >= 2 && metric.unit !== "percent") {
    const sorted = [...rows].sort((a, b) => Number(b[measure]) - Number(a[measure]));
    const hi = sorted[0]!;
    const lo = sorted[sorted.length - 1]!;
    lines.push(`Highest: ${rowName(hi)} (${f(Number(hi[measure]))}); lowest: ${rowName(lo)} (${f(Number(lo[measure]))}).`);
  } else if (plan.dimension && !isTime(ex) && plan.dimension !== "bucket" && metric.id !== "top_debtors" && rows.length > 0) {
    const label = DIMENSION_LABELS[plan.dimension];
    if (metric.id === "budget_vs_actual") {
      const worst = rows[0]!;
      if (Number(worst.variance) > 0) lines.push(`Furthest over: ${rowName(worst)}, ${f(Number(worst.variance))} over a budget of ${f(Number(worst.budget))}.`);
      else lines.push(`No job is over budget; the closest is ${rowName(worst)} at ${f(Number(worst.actual))} of ${f(Number(worst.budget))}.`);
    } else {
      const top = rows.slice(0, 3).map((r) => `${rowName(r)} (${f(Number(r[measure]))})`);
      const n = plan.topN ?? rows.length;
      const more = (plan.topN !== null ? Math.min(n, rows.length) : result.rowCount) - top.length;
      const lead = plan.topN !== null ? `Top ${Math.min(n, rows.length)} ${rows.length === 1 ? label.singular : label.plural}` : `By ${label.singular}`;
      lines.push(`${lead}: ${top.join(", ")}${more > 0 ? `, and ${formatFigure(more, "count", "")} more` : ""}.`);
      if (derived.sharePercent !== undefined && derived.sharePercent !== null && plan.topN !== null && result.rowCount > rows.length) {
        lines.push(`Together they make up ${formatFigure(derived.sharePercent, "percent", "")} of the total.`);
      }
    }
  }
  if (plan.dimension && !isTime(ex) && result.rowCount === 0 && metric.id !== "top_debtors") lines.push("Nothing was recorded for that.");
  return lines;
}

function table(ex: ExecutedPlan): AnswerTable {
  const { metric, plan } = ex;
  const result = ex.result!;
  const measure = metric.measure;
  const valueColumns = result.columns.filter((c) => c.unit !== "text");
  const measureColumn = valueColumns.find((c) => c.key === measure) ?? valueColumns[0]!;
  const cell = (row: Record<string, string | number | null>, c: TableColumn) => (c.key === "key" ? bucketLabel(String(row.key)) : (row[c.key] ?? null));
  const columnsOf = (): TableColumn[] =>
    result.columns.map((c) => ({ key: c.key, label: c.key === "key" ? capitalize(DIMENSION_LABELS[plan.dimension ?? "month"].singular) : capitalize(c.label), unit: c.unit }));

  if (ex.compared && plan.dimension) {
    const before = ex.compared;
    if (isTime(ex)) {
      return {
        columns: [
          { key: "a", label: capitalize(DIMENSION_LABELS[plan.dimension].singular), unit: "text" },
          { key: "va", label: capitalize(measureColumn.label), unit: measureColumn.unit },
          { key: "b", label: `Compared ${DIMENSION_LABELS[plan.dimension].singular}`, unit: "text" },
          { key: "vb", label: `${capitalize(measureColumn.label)} (compared)`, unit: measureColumn.unit },
        ],
        rows: result.rows.map((r, i) => [bucketLabel(String(r.key)), r[measure] ?? null, before.rows[i] ? bucketLabel(String(before.rows[i]!.key)) : null, before.rows[i]?.[measure] ?? null]),
      };
    }
    const byId = new Map(before.rows.map((r) => [String(r.id ?? r.name), r]));
    return {
      columns: [
        { key: "name", label: capitalize(DIMENSION_LABELS[plan.dimension].singular), unit: "text" },
        { key: "va", label: plan.period.label, unit: measureColumn.unit },
        { key: "vb", label: plan.compare!.label, unit: measureColumn.unit },
      ],
      rows: result.rows.map((r) => [rowName(r), r[measure] ?? null, byId.get(String(r.id ?? r.name))?.[measure] ?? 0]),
    };
  }
  if (ex.compared) {
    return {
      columns: [{ key: "period", label: "Period", unit: "text" }, { key: "value", label: capitalize(measureColumn.label), unit: measureColumn.unit }],
      rows: [
        [plan.period.label, result.totals[measure] ?? null],
        [plan.compare!.label, ex.compared.totals[measure] ?? null],
      ],
    };
  }
  if (!plan.dimension || result.rows.length === 0) {
    const cols = valueColumns.length ? valueColumns : [measureColumn];
    return {
      columns: [{ key: "period", label: metric.periodUse === "range" ? "Period" : "As of", unit: "text" }, ...cols.map((c) => ({ key: c.key, label: capitalize(c.label), unit: c.unit }))],
      rows: [[metric.periodUse === "range" ? plan.period.label : metric.periodUse === "none" ? "Current" : asOfLabel(plan.period.to).slice(6), ...cols.map((c) => result.totals[c.key] ?? null)]],
    };
  }
  const columns = columnsOf();
  return { columns, rows: result.rows.map((r) => columns.map((c) => cell(r, c))) };
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const CHART_BARS = 12;

function chart(ex: ExecutedPlan, currency: string): ChartSpec | null {
  const { metric, plan } = ex;
  const result = ex.result!;
  const measure = metric.measure;
  const title = describePlan(plan, metric, ex.filters);
  const base = { title, unit: metric.unit, currency } as const;
  const measureLabel = result.columns.find((c) => c.key === measure)?.label ?? metric.label;
  if (plan.dimension && isTime(ex)) {
    return {
      ...base,
      kind: "line",
      x: "label",
      series: [
        { key: "value", label: plan.compare ? plan.period.label : capitalize(measureLabel) },
        ...(plan.compare ? [{ key: "compare", label: plan.compare.label }] : []),
      ],
      data: result.rows.map((r, i) => ({ label: bucketLabel(String(r.key)), value: r[measure] ?? null, ...(ex.compared ? { compare: ex.compared.rows[i]?.[measure] ?? null } : {}) })),
    };
  }
  if (plan.dimension === "bucket") {
    return { ...base, kind: "pie", x: "label", series: [{ key: "value", label: "Owed" }], data: result.rows.map((r) => ({ label: String(r.key), value: r.value ?? 0 })) };
  }
  if (plan.dimension && result.rows.length > 0) {
    const byId = ex.compared ? new Map(ex.compared.rows.map((r) => [String(r.id ?? r.name), r])) : null;
    return {
      ...base,
      kind: "bar",
      x: "label",
      series: [
        { key: "value", label: plan.compare ? plan.period.label : capitalize(measureLabel) },
        ...(plan.compare ? [{ key: "compare", label: plan.compare.label }] : []),
      ],
      data: result.rows.slice(0, CHART_BARS).map((r) => ({
        label: rowName(r),
        value: r[measure] ?? null,
        ...(byId ? { compare: byId.get(String(r.id ?? r.name))?.[measure] ?? 0 } : {}),
      })),
    };
  }
  if (ex.compared) {
    return {
      ...base,
      kind: "bar",
      x: "label",
      series: [{ key: "value", label: capitalize(measureLabel) }],
      data: [
        { label: plan.period.label, value: result.totals[measure] ?? null },
        { label: plan.compare!.label, value: ex.compared.totals[measure] ?? null },
      ],
    };
  }
  return null;
}

export function definitionOf(ex: ExecutedPlan, org: OrgFacts): AnswerDefinition {
  const { metric, plan } = ex;
  return {
    metrics: [{ id: metric.id, label: metric.label, definition: metric.definition }],
    period: metric.periodUse === "range" ? plan.period.label : metric.periodUse === "none" ? "Current figures" : asOfLabel(plan.period.to),
    comparison: plan.compare?.label ?? null,
    dimension: plan.dimension ? (plan.dimension === "bucket" ? "days past due" : DIMENSION_LABELS[plan.dimension].singular) : null,
    filters: ex.filters.map((f) => `${capitalize(f.kind === "staff" ? "staff member" : f.kind)}: ${f.name}`),
    source: metric.source,
    timezone: org.timezone,
    currency: org.currency,
  };
}

/** Questions that lead on from each metric: [the metric they ask about, the question, its breakdown]. */
const RELATED: Record<string, (p: string) => [string, string, string?][]> = {
  revenue: (p) => [["cash_received", `Cash received, ${p}`], ["top_debtors", "Who owes us the most?"]],
  expenses: (p) => [["revenue", `Revenue, ${p}`], ["expenses", `Top 5 suppliers by expenses, ${p}`]],
  cash_received: () => [["receivables", "How much are we owed?"], ["top_debtors", "Who owes us the most?"]],
  receivables: () => [["top_debtors", "Who owes us the most?"], ["aging", "Show the receivables aging"]],
  aging: () => [["top_debtors", "Who owes us the most?"], ["dso", "What is our DSO?"]],
  top_debtors: () => [["aging", "Show the receivables aging"], ["dso", "What is our DSO?"]],
  dso: () => [["top_debtors", "Who owes us the most?"], ["aging", "Show the receivables aging"]],
  wip: () => [["wip", "WIP by job", "job"], ["wip", "WIP by client", "client"], ["budget_vs_actual", "Which jobs are over budget?"]],
  billable_hours: (p) => [["utilization", `Utilization by staff, ${p}`], ["wip", "What is our work in progress?"]],
  utilization: (p) => [["billable_hours", `Billable hours by staff, ${p}`], ["wip", "What is our work in progress?"]],
  budget_vs_actual: () => [["wip", "WIP by job"], ["budget_vs_actual", "Top 5 jobs over budget"]],
  po_utilization: () => [["po_utilization", "PO utilization by supplier", "supplier"], ["po_utilization", "PO utilization by job", "job"], ["po_utilization", "Top 5 purchase orders by utilization"]],
};

/** Up to three questions the rules planner can answer next, over metrics the caller may use. */
function followUps(ex: ExecutedPlan, available: readonly MetricDefinition[]): string[] {
  const { metric, plan } = ex;
  const out: string[] = [];
  const p = plan.period.phrase;
  if (metric.periodUse === "range" && !plan.compare) out.push("How does that compare with the same period last year?");
  if (metric.periodUse === "range" && plan.period.grain === "month" && /^(last month|this month|[A-Z][a-z]+ \d{4})$/.test(p)) out.push("And the month before?");
  const entity = metric.dimensions.find((d) => !TIME_DIMENSIONS.includes(d) && d !== "bucket" && d !== "po");
  if (entity && metric.periodUse === "range" && (plan.dimension === null || isTime(ex))) out.push(`Top 5 ${DIMENSION_LABELS[entity].plural} by ${metric.label.toLowerCase()}, ${p}`);
  if (metric.dimensions.includes("month") && plan.dimension !== "month" && metric.periodUse === "range") out.push(`${metric.label} by month, ${p}`);
  const allowed = new Set(available.map((m) => m.id));
  for (const [target, question, dimension] of RELATED[metric.id]?.(p) ?? []) {
    // Not the question just answered again.
    if (target === metric.id && dimension !== undefined && dimension === plan.dimension) continue;
    if (allowed.has(target)) out.push(question);
  }
  return [...new Set(out)].slice(0, 3);
}

/** The whole answer, in the rules planner's words. */
export function composeAnswer(ex: ExecutedPlan, org: OrgFacts, available: readonly MetricDefinition[]): AnswerBody {
  const { metric, plan } = ex;
  const plannedText = describePlan(plan, metric, ex.filters);
  if (ex.unmatched.length > 0 || !ex.result) {
    const names = ex.unmatched.map((u) => `${u.kind ? `${u.kind === "staff" ? "staff member" : u.kind} ` : ""}"${u.text}"`).join(" or ");
    return {
      kind: "unknown",
      text: `I could not find ${names} in this organization's data, so I did not compute ${metric.label.toLowerCase()} for it. Check the spelling, or ask without the name.`,
      chart: null,
      table: null,
      definition: null,
      followUps: metric.examples.slice(0, 3),
      plan: plannedText,
      notes: plan.notes,
    };
  }
  const f = (v: number | null | undefined) => formatFigure(v ?? null, metric.unit, org.currency);
  const money = (v: number | null | undefined) => formatFigure(v ?? 0, "money", org.currency);
  const text = [headline(ex, f, money), ...detail(ex, f)].join(" ");
  return {
    kind: "answer",
    text,
    chart: chart(ex, org.currency),
    table: table(ex),
    definition: definitionOf(ex, org),
    followUps: followUps(ex, available),
    plan: plannedText,
    notes: plan.notes,
  };
}
