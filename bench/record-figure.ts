import { cpus, loadavg, totalmem } from "node:os";
import { existsSync } from "node:fs";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { round } from "./stats";

/**
 * The one way a benchmark reports a figure for the summary: its value, the floor it is measured
 * against in the same run, and the target. `npm run bench` ends with the table of every figure
 * recorded (bench/results/summary.json, and the README between its bench-summary markers).
 */
export interface FigureInput {
  /** What was measured, e.g. "jobs throughput (4 workers)". */
  name: string;
  engine?: "pglite" | "postgres";
  value: number;
  /** The floor measured in the same run (same unit); the ratio is value / floor. Null: a count with a limit, no floor. */
  floor: number | null;
  unit: string;
  /**
   * The goal: `ratio ≤ max` (a time against its floor), `ratio ≥ min` (a throughput against its
   * floor), or `value ≤ valueMax` (an absolute limit, e.g. a cold start in ms).
   */
  target: { ratioMax?: number; ratioMin?: number; valueMax?: number };
}

export interface Figure extends FigureInput {
  ratio: number | null;
  met: boolean;
  /** One-minute load average when it was recorded: the machine is shared. */
  load: number;
  quick: boolean;
  measuredAt: string;
}

export const QUICK = process.env.BENCH_QUICK === "1";
const recorded: Figure[] = [];

export function targetText(t: FigureInput["target"]): string {
  const parts = [];
  if (t.ratioMax !== undefined) parts.push(`ratio ≤ ${t.ratioMax}`);
  if (t.ratioMin !== undefined) parts.push(`ratio ≥ ${t.ratioMin}`);
  if (t.valueMax !== undefined) parts.push(`≤ ${t.valueMax}`);
  return parts.join(", ");
}

export function recordFigure(input: FigureInput): Figure {
  const ratio = input.floor === null ? null : round(input.value / input.floor);
  const { ratioMax, ratioMin, valueMax } = input.target;
  const met =
    (ratioMax === undefined || (ratio !== null && ratio <= ratioMax)) &&
    (ratioMin === undefined || (ratio !== null && ratio >= ratioMin)) &&
    (valueMax === undefined || input.value <= valueMax);
  const figure: Figure = { ...input, value: round(input.value), floor: input.floor === null ? null : round(input.floor), ratio, met, load: round(loadavg()[0] ?? 0, 1), quick: QUICK, measuredAt: new Date().toISOString() };
  recorded.push(figure);
  return figure;
}

const key = (f: Pick<Figure, "name" | "engine">) => `${f.name}|${f.engine ?? ""}`;

function machine() {
  const cpu = cpus();
  return { cpu: cpu[0]?.model.trim() ?? "unknown", cores: cpu.length, memoryGb: round(totalmem() / 2 ** 30, 1), node: process.version, platform: `${process.platform} ${process.arch}` };
}

export function summaryTable(figures: Figure[]): string {
  const rows = figures.map((f) =>
    `| ${f.name} | ${f.engine ?? "—"} | ${f.value} ${f.unit} | ${f.floor === null ? "—" : `${f.floor} ${f.unit}`} | ${f.ratio ?? "—"} | ${targetText(f.target)} | ${f.met ? "yes" : "**no**"} | ${f.load} | ${f.measuredAt.slice(0, 16).replace("T", " ")} |`,
  );
  return ["| Figure | Engine | Value | Floor | Ratio | Target | Met | Load | Measured (UTC) |", "|---|---|---|---|---|---|---|---|---|", ...rows].join("\n");
}

/**
 * Prints this run's figures and merges them into the summary (a partial run, BENCH_ONLY, replaces
 * only its own figures). A quick run (BENCH_QUICK=1) writes summary-quick.json and leaves the
 * README alone: its small-scale figures only show a regression early.
 */
export async function writeSummary(): Promise<void> {
  if (recorded.length === 0) return;
  const file = path.resolve("bench/results", QUICK ? "summary-quick.json" : "summary.json");
  await mkdir(path.dirname(file), { recursive: true });
  const previous: Figure[] = existsSync(file) ? ((JSON.parse(await readFile(file, "utf8")) as { figures?: Figure[] }).figures ?? []) : [];
  const mine = new Set(recorded.map(key));
  const figures = [...previous.filter((f) => !mine.has(key(f))), ...recorded];
  const summary = { updatedAt: new Date().toISOString(), machine: machine(), figures };
  await writeFile(file, JSON.stringify(summary, null, 2) + "\n");
  console.log(`\nSummary (${QUICK ? "quick mode, " : ""}${file}):`);
  console.table(recorded.map((f) => ({ figure: f.name, engine: f.engine ?? "", value: `${f.value} ${f.unit}`, floor: f.floor === null ? "" : `${f.floor} ${f.unit}`, ratio: f.ratio ?? "", target: targetText(f.target), met: f.met, load: f.load })));
  if (!QUICK) await updateReadme(summary);
}

const START = "<!-- bench-summary:start -->";
const END = "<!-- bench-summary:end -->";

async function updateReadme(summary: { updatedAt: string; machine: ReturnType<typeof machine>; figures: Figure[] }) {
  const readme = path.resolve("README.md");
  const text = await readFile(readme, "utf8");
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) return;
  const m = summary.machine;
  const block = [
    START,
    `Latest \`npm run bench\` figures (bench/results/summary.json, updated ${summary.updatedAt.slice(0, 16).replace("T", " ")} UTC) on ${m.cores} × ${m.cpu}, ${m.memoryGb} GB, Node ${m.node}. Load is the one-minute load average when the figure was taken (the machine is shared; above the core count, figures are slower than on an idle machine).`,
    "",
    summaryTable(summary.figures),
    END,
  ].join("\n");
  await writeFile(readme, text.slice(0, from) + block + text.slice(to + END.length));
}
