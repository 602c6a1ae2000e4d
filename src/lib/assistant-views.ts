/**
 * The wire contract of Ask XeroPulse (/api/assistant/*): returned by the services, imported by the
 * UI. Dates are ISO strings; figures are numbers already rounded the way the dashboards round them.
 * A chart is a data-only spec (kind, axes, rows), never code: the UI renders it with Recharts.
 */

export const ASSISTANT_PLANNERS = ["rules", "model"] as const;
/** Who wrote the answer: the deterministic rules planner, or the organization's opted-in model. */
export type AssistantPlanner = (typeof ASSISTANT_PLANNERS)[number];

export const FIGURE_UNITS = ["money", "hours", "percent", "days", "count"] as const;
export type FigureUnit = (typeof FIGURE_UNITS)[number];

export const CHART_KINDS = ["line", "bar", "pie"] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export interface ChartSpec {
  kind: ChartKind;
  title: string;
  /** The key of the category (x axis, or pie slice name) in each data row. */
  x: string;
  /** One line/bar series (or the pie's value) per entry. */
  series: { key: string; label: string }[];
  unit: FigureUnit;
  /** ISO 4217, for money. */
  currency: string;
  data: Record<string, string | number | null>[];
}

export interface TableColumn {
  key: string;
  label: string;
  unit: FigureUnit | "text";
}

export interface AnswerTable {
  columns: TableColumn[];
  /** One array per row, in the columns' order. */
  rows: (string | number | null)[][];
}

/** "How this was computed": the metric definitions, the period, the filters. */
export interface AnswerDefinition {
  metrics: { id: string; label: string; definition: string }[];
  /** "1 Jul – 30 Sep 2026", or "as of 27 Jul 2026" for a balance. */
  period: string | null;
  comparison: string | null;
  dimension: string | null;
  filters: string[];
  /** Where the figures come from, in words (e.g. the daily finance rollup). */
  source: string;
  timezone: string;
  currency: string;
}

export type AnswerKind = "answer" | "refusal" | "unknown";

export interface AssistantAnswer {
  kind: AnswerKind;
  text: string;
  chart: ChartSpec | null;
  table: AnswerTable | null;
  definition: AnswerDefinition | null;
  /** At most three questions the planner can answer next. */
  followUps: string[];
  planner: AssistantPlanner;
  /** What was understood, in words: "Revenue by month, 1 Jul – 30 Sep 2026". */
  plan: string | null;
  /** Assumptions made and fallbacks taken ("The model's answer quoted a figure … so this is the rules wording"). */
  notes: string[];
}

export interface AskResponse {
  conversationId: string;
  messageId: string;
  answer: AssistantAnswer;
}

export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationMessageView {
  id: string;
  role: "user" | "assistant";
  content: string;
  answer: AssistantAnswer | null;
  createdAt: string;
}

export interface ConversationView extends ConversationSummary {
  messages: ConversationMessageView[];
}

/**
 * Server-sent events of POST /api/assistant/ask with `Accept: text/event-stream`, in order:
 * `start`, `plan`, `data` (chart, table, definition), `text` deltas (a `replace` when a streamed
 * model answer is withdrawn), then `done` with the whole AskResponse, or `error` with the flat error body.
 */
export type AskStreamEvent =
  | { event: "start"; data: { conversationId: string; planner: AssistantPlanner } }
  | { event: "plan"; data: { plan: string | null } }
  | { event: "data"; data: { chart: ChartSpec | null; table: AnswerTable | null; definition: AnswerDefinition | null } }
  | { event: "text"; data: { delta: string } }
  | { event: "replace"; data: { text: string; note: string } }
  | { event: "done"; data: AskResponse }
  | { event: "error"; data: { error: string; code: string; requestId: string; timestamp: string } };

export interface AssistantSettingsView {
  /** AI_BASE_URL and AI_MODEL are set on the server. */
  modelConfigured: boolean;
  /** The organization opted in (Settings › Organization). */
  modelEnabled: boolean;
  /** The configured model's name and the endpoint's host, to say where data would go. */
  model: string | null;
  endpointHost: string | null;
}
