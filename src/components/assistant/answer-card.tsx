"use client";

import { Bot, Info, Sparkles, TriangleAlert } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { AnswerDefinition, AnswerTable as Table, AssistantAnswer, AssistantPlanner, ChartSpec } from "@/lib/assistant-views";
import { AnswerChart } from "./answer-chart";
import { AnswerTable } from "./answer-table";

/** What is known of an answer while it streams in, then the answer itself. */
export interface AnswerDraft {
  text: string;
  planner: AssistantPlanner | null;
  plan: string | null;
  chart: ChartSpec | null;
  table: Table | null;
  definition: AnswerDefinition | null;
  notes: string[];
  followUps: string[];
  kind: AssistantAnswer["kind"] | null;
  streaming: boolean;
  error: string | null;
}

export const emptyDraft = (): AnswerDraft => ({
  text: "", planner: null, plan: null, chart: null, table: null, definition: null, notes: [], followUps: [], kind: null, streaming: true, error: null,
});

export const draftOf = (answer: AssistantAnswer): AnswerDraft => ({ ...answer, streaming: false, error: null });

export function AnswerCard({ draft, currency, onFollowUp, disabled }: { draft: AnswerDraft; currency: string; onFollowUp: (q: string) => void; disabled: boolean }) {
  const refused = draft.kind === "refusal";
  return (
    <article className="grid gap-3 rounded-xl border bg-card p-4 shadow-sm" aria-busy={draft.streaming} data-testid="answer">
      <header className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <Bot className="size-4" aria-hidden />
        {draft.plan ? <span className="font-medium text-foreground" data-testid="answer-plan">{draft.plan}</span> : draft.streaming ? <span>Working it out…</span> : null}
        {draft.planner ? (
          <Badge variant="outline" className="ml-auto" title={draft.planner === "model" ? "Written by the organization's model from the metric results, checked figure by figure" : "Computed and worded by the built-in rules planner"}>
            {draft.planner === "model" ? <Sparkles aria-hidden /> : null}
            {draft.planner === "model" ? "Model" : "Rules planner"}
          </Badge>
        ) : null}
      </header>
      {draft.error ? (
        <p className="flex items-start gap-2 text-sm text-destructive" role="alert">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          {draft.error}
        </p>
      ) : null}
      <p className={`text-sm leading-relaxed whitespace-pre-wrap ${refused ? "text-foreground" : ""}`} aria-live="polite" data-testid="answer-text">
        {draft.text}
        {draft.streaming ? <Spinner className="ml-2 inline-block size-3 align-middle" label="Answering" /> : null}
      </p>
      {draft.notes.length ? (
        <ul className="grid gap-1 text-xs text-muted-foreground">
          {draft.notes.map((note) => (
            <li key={note} className="flex items-start gap-1.5">
              <Info className="mt-0.5 size-3.5 shrink-0" aria-hidden />
              {note}
            </li>
          ))}
        </ul>
      ) : null}
      {draft.chart ? <AnswerChart spec={draft.chart} /> : null}
      {draft.table ? <AnswerTable table={draft.table} currency={draft.definition?.currency ?? currency} plan={draft.plan} /> : null}
      {draft.definition ? (
        <details className="group rounded-lg border bg-muted/30 px-3 py-2 text-sm">
          <summary className="cursor-pointer rounded-sm font-medium focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden">How this was computed</summary>
          <dl className="mt-2 grid gap-2 text-muted-foreground sm:grid-cols-[8rem_1fr]">
            {draft.definition.metrics.map((m) => (
              <div key={m.id} className="contents">
                <dt className="font-medium text-foreground">{m.label}</dt>
                <dd>{m.definition}</dd>
              </div>
            ))}
            <dt className="font-medium text-foreground">Period</dt>
            <dd>{draft.definition.period ?? "—"}{draft.definition.comparison ? `, compared with ${draft.definition.comparison}` : ""}</dd>
            {draft.definition.dimension ? (
              <>
                <dt className="font-medium text-foreground">By</dt>
                <dd>{draft.definition.dimension}</dd>
              </>
            ) : null}
            {draft.definition.filters.length ? (
              <>
                <dt className="font-medium text-foreground">Filters</dt>
                <dd>{draft.definition.filters.join("; ")}</dd>
              </>
            ) : null}
            <dt className="font-medium text-foreground">Source</dt>
            <dd>{draft.definition.source}</dd>
            <dt className="font-medium text-foreground">Dates and money</dt>
            <dd>
              Days in {draft.definition.timezone.replace(/_/g, " ")}; amounts in {draft.definition.currency}
            </dd>
          </dl>
        </details>
      ) : null}
      {draft.followUps.length ? (
        <div className="flex flex-wrap gap-2" role="group" aria-label={refused || draft.kind === "unknown" ? "Questions you can ask" : "Follow-up questions"}>
          {draft.followUps.map((q) => (
            <Button key={q} type="button" variant="secondary" size="sm" className="h-auto min-h-8 whitespace-normal text-left" disabled={disabled} onClick={() => onFollowUp(q)}>
              {q}
            </Button>
          ))}
        </div>
      ) : null}
    </article>
  );
}
