import type { Claims, Tx } from "@/server/db";
import { sql } from "@/server/db";
import { isoDateIn } from "@/server/dashboards/date-range";
import { logger } from "@/server/http/logger";
import type { OrgContext } from "@/server/orgs/resolve-org";
import type { AskInput } from "@/lib/assistant-schemas";
import type { AskResponse, AskStreamEvent, AssistantAnswer, AssistantPlanner } from "@/lib/assistant-views";
import { spendQuestion } from "./assistant-rate-limit";
import { modelConfigured } from "./model-configured";
import { composeAnswer, definitionOf, type AnswerBody } from "./compose-answer";
import { openConversation, type OpenedConversation } from "./open-conversation";
import { saveAnswer } from "./save-answer";
import { executePlan, type ExecutedPlan, type ExecutionScope } from "./execute-plan";
import { practiceViewerScope } from "@/server/dashboards/practice-viewer-scope";
import { metricAccess, type MetricAccess } from "./metric-access";
import { assistantModel, runModelPlanner, type ModelUsage } from "./model-planner";
import type { Plan } from "./plan";
import { exampleQuestions, planQuestion } from "./rules-planner";

/**
 * One question, end to end: spend the user's quota, open the conversation, plan (the model when
 * the organization opted in and one is configured, else the rules planner; the rules planner also
 * takes over whenever the model fails or writes a figure it was not given), run the plan's metric
 * queries as the user, store and return the answer. Database work happens in short transactions
 * as the caller; no transaction is held while a model is thinking.
 */

type Db = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

export interface AskContext {
  db: Db;
  org: OrgContext;
  claims: Claims;
  requestId: string;
  /** Tests pin "today". */
  now?: Date;
}

/** What is settled before an answer starts (so a refusal of the request itself is a plain HTTP error). */
export interface PreparedQuestion {
  question: string;
  conversation: OpenedConversation;
  access: MetricAccess;
  scope: ExecutionScope;
  useModel: boolean;
}

export async function prepareQuestion(ctx: AskContext, input: AskInput): Promise<PreparedQuestion> {
  const today = isoDateIn(ctx.org.timezone, ctx.now);
  return ctx.db(async (tx) => {
    await spendQuestion(tx, ctx.org.id);
    const settings = await tx.one<{ enabled: boolean; warning: number; critical: number; over: number }>(sql`
      select assistant_model_enabled as enabled, alert_warning_pct as warning, alert_critical_pct as critical, alert_over_budget_pct as over
      from public.organizations where id = ${ctx.org.id}`);
    const conversation = await openConversation(tx, ctx.org.id, input.question, input.conversationId);
    const access = await metricAccess(tx, ctx.org);
    const practice = await practiceViewerScope(tx, ctx.org);
    return {
      question: input.question,
      conversation,
      access,
      scope: { orgId: ctx.org.id, today, thresholds: { warningPct: Number(settings.warning), criticalPct: Number(settings.critical), overBudgetPct: Number(settings.over) }, ownStaffIds: practice.kind === "own" ? practice.staffIds : null },
      useModel: settings.enabled && modelConfigured() && access.available.length > 0,
    };
  });
}

export type AskSink = (event: AskStreamEvent) => void;

interface Answered {
  answer: AssistantAnswer;
  plan: Plan | null;
}

/** The rules planner's answer (also every fallback's). */
async function rulesAnswer(ctx: AskContext, p: PreparedQuestion): Promise<{ body: AnswerBody; plan: Plan | null; executed: ExecutedPlan | null }> {
  const org = { currency: ctx.org.currency, timezone: ctx.org.timezone };
  const examples = exampleQuestions(p.access.available);
  const outcome = planQuestion(p.question, { today: p.scope.today, access: p.access, previous: p.conversation.previous });
  if (outcome.kind === "refusal") {
    return {
      body: {
        kind: "refusal",
        text: `I can't answer that. ${outcome.reason}${examples.length ? " You can ask about what your dashboards show instead." : ""}`,
        chart: null, table: null, definition: null, followUps: examples, plan: null, notes: [],
      },
      plan: null,
      executed: null,
    };
  }
  if (outcome.kind === "unknown") {
    const labels = p.access.available.map((m) => m.label.toLowerCase());
    return {
      body: {
        kind: "unknown",
        text: labels.length
          ? `${outcome.reason} I can answer questions about ${labels.slice(0, -1).join(", ")}${labels.length > 1 ? " and " : ""}${labels[labels.length - 1]}, by period, by ${"month, client, staff member or job"}, with top-N and comparisons. Try one of these:`
          : `${outcome.reason} Your role has no dashboards in this organization, so there is nothing I can compute for you here.`,
        chart: null, table: null, definition: null, followUps: examples, plan: null, notes: [],
      },
      plan: null,
      executed: null,
    };
  }
  const metric = p.access.available.find((m) => m.id === outcome.plan.metric)!;
  const ran = await ctx.db((tx) => executePlan(tx, p.scope, metric, outcome.plan));
  return { body: composeAnswer(ran, org, p.access.available), plan: outcome.plan, executed: ran };
}

export async function answerQuestion(ctx: AskContext, p: PreparedQuestion, sink: AskSink = () => undefined): Promise<AskResponse> {
  const started = performance.now();
  const calls: { metric: string; ms: number; ok: boolean }[] = [];
  let usage: ModelUsage = { inputTokens: null, outputTokens: null };
  let planner: AssistantPlanner = "rules";
  let fallback: string | null = null;
  let answered: Answered | null = null;
  let textSent = false;

  const model = p.useModel ? assistantModel() : null;
  // A question about something the caller may not see is refused before any model is involved.
  const precheck = model ? planQuestion(p.question, { today: p.scope.today, access: p.access, previous: p.conversation.previous }) : null;
  sink({ event: "start", data: { conversationId: p.conversation.id, planner: model && precheck?.kind !== "refusal" ? "model" : "rules" } });

  if (model && precheck?.kind !== "refusal") {
    const outcome = await runModelPlanner(model, {
      question: p.question,
      history: p.conversation.history,
      today: p.scope.today,
      timezone: ctx.org.timezone,
      currency: ctx.org.currency,
      metrics: p.access.available,
      execute: async (metric, plan) => {
        const ran = await ctx.db((tx) => executePlan(tx, p.scope, metric, plan));
        calls.push({ metric: metric.id, ms: Math.round(ran.ms), ok: ran.result !== null });
        return ran;
      },
      onText: (delta) => sink({ event: "text", data: { delta } }),
    });
    usage = outcome.usage;
    const last = [...outcome.executions].reverse().find((e) => e.result) ?? null;
    if (outcome.ok && last) {
      planner = "model";
      const org = { currency: ctx.org.currency, timezone: ctx.org.timezone };
      const body = composeAnswer(last, org, p.access.available);
      const definition = definitionOf(last, org);
      const others = outcome.executions.filter((e) => e !== last && e.result).map((e) => ({ id: e.metric.id, label: e.metric.label, definition: e.metric.definition }));
      definition.metrics = [...definition.metrics, ...others.filter((o) => o.id !== last.metric.id)];
      answered = { answer: { ...body, text: outcome.text, definition, planner: "model" }, plan: last.plan };
      sink({ event: "plan", data: { plan: body.plan } });
      sink({ event: "data", data: { chart: body.chart, table: body.table, definition } });
    } else {
      fallback = outcome.ok ? "the model's metric calls produced nothing to show" : outcome.reason;
      const rules = await rulesAnswer(ctx, p);
      if (rules.executed) calls.push({ metric: rules.executed.metric.id, ms: Math.round(rules.executed.ms), ok: rules.executed.result !== null });
      const note = `Answered by the rules planner: ${fallback}.`;
      answered = { answer: { ...rules.body, planner: "rules", notes: [note, ...rules.body.notes] }, plan: rules.plan };
      if (outcome.streamed) {
        sink({ event: "replace", data: { text: rules.body.text, note } });
        textSent = true;
      }
    }
  } else {
    const rules = await rulesAnswer(ctx, p);
    if (rules.executed) calls.push({ metric: rules.executed.metric.id, ms: Math.round(rules.executed.ms), ok: rules.executed.result !== null });
    answered = { answer: { ...rules.body, planner: "rules" }, plan: rules.plan };
  }

  const answer = answered.answer;
  if (planner === "rules") {
    sink({ event: "plan", data: { plan: answer.plan } });
    sink({ event: "data", data: { chart: answer.chart, table: answer.table, definition: answer.definition } });
    // The rules wording exists whole at once; sent in word groups so the client renders it as it does a model's.
    if (!textSent) for (const chunk of answer.text.match(/\S+\s*/g) ?? []) sink({ event: "text", data: { delta: chunk } });
  }
  const messageId = await ctx.db((tx) => saveAnswer(tx, ctx.org.id, p.conversation.id, { ...answer, queryPlan: answered.plan }));
  const response: AskResponse = { conversationId: p.conversation.id, messageId, answer };
  logger.info(
    {
      requestId: ctx.requestId, userId: ctx.claims.sub, orgId: ctx.org.id, conversationId: p.conversation.id,
      planner, kind: answer.kind, fallback, metricCalls: calls, ms: Math.round(performance.now() - started),
      tokens: usage,
    },
    "assistant.answer",
  );
  sink({ event: "done", data: response });
  return response;
}
