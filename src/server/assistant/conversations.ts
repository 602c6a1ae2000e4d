import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import type { AssistantAnswer, ConversationMessageView, ConversationSummary, ConversationView } from "@/lib/assistant-views";
import type { Plan } from "./plan";

/**
 * Conversations are the asker's own: RLS lets a user reach only their conversations in
 * organizations they are an active member of. The `user_id = auth.uid()` below is defence in depth.
 */

/** What is stored with an answer: the answer as sent, and the plan a follow-up builds on. */
export interface StoredAnswer extends AssistantAnswer {
  queryPlan: Plan | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const summary = (r: { id: string; title: string; created_at: Date; updated_at: Date }): ConversationSummary => ({
  id: r.id, title: r.title, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
});

export async function listConversations(tx: Tx, orgId: string): Promise<ConversationSummary[]> {
  const rows = await tx.query<{ id: string; title: string; created_at: Date; updated_at: Date }>(sql`
    select c.id, c.title, c.created_at, c.updated_at from public.assistant_conversations c
    where c.org_id = ${orgId} and c.user_id = (select auth.uid())
    order by c.updated_at desc, c.id limit 100`);
  return rows.map(summary);
}

function publicAnswer(answer: StoredAnswer | null): AssistantAnswer | null {
  if (!answer) return null;
  const { queryPlan: _plan, ...rest } = answer;
  return rest;
}

export async function getConversation(tx: Tx, orgId: string, id: string): Promise<ConversationView> {
  const conversation = await tx.maybeOne<{ id: string; title: string; created_at: Date; updated_at: Date }>(sql`
    select c.id, c.title, c.created_at, c.updated_at from public.assistant_conversations c
    where c.id = ${id}::uuid and c.org_id = ${orgId} and c.user_id = (select auth.uid())`);
  if (!conversation) throw notFound("Conversation");
  const messages = await tx.query<{ id: string; role: "user" | "assistant"; content: string; answer: StoredAnswer | null; created_at: Date }>(sql`
    select m.id, m.role, m.content, m.answer, m.created_at from public.assistant_messages m
    where m.conversation_id = ${id}::uuid and m.org_id = ${orgId}
    order by m.created_at, m.role desc`);
  return {
    ...summary(conversation),
    messages: messages.map((m): ConversationMessageView => ({ id: m.id, role: m.role, content: m.content, answer: publicAnswer(m.answer), createdAt: iso(m.created_at) })),
  };
}

export async function deleteConversation(tx: Tx, orgId: string, id: string): Promise<void> {
  const gone = await tx.query(sql`
    delete from public.assistant_conversations where id = ${id}::uuid and org_id = ${orgId} and user_id = (select auth.uid()) returning id`);
  if (gone.length === 0) throw notFound("Conversation");
}

export interface OpenedConversation {
  id: string;
  /** The previous answer's plan, for follow-ups. */
  previous: Plan | null;
  /** The last exchanges, oldest first (what a model sees of the conversation). */
  history: { role: "user" | "assistant"; content: string }[];
}

/** The conversation a question goes into (a new one without an id), with the question stored. */
export async function openConversation(tx: Tx, orgId: string, question: string, conversationId?: string): Promise<OpenedConversation> {
  let id = conversationId;
  let previous: Plan | null = null;
  let history: OpenedConversation["history"] = [];
  if (id) {
    const found = await tx.maybeOne<{ id: string }>(sql`
      select c.id from public.assistant_conversations c where c.id = ${id}::uuid and c.org_id = ${orgId} and c.user_id = (select auth.uid())`);
    if (!found) throw notFound("Conversation");
    const recent = await tx.query<{ role: "user" | "assistant"; content: string; answer: StoredAnswer | null }>(sql`
      select m.role, m.content, m.answer from public.assistant_messages m
      where m.conversation_id = ${id}::uuid and m.org_id = ${orgId} order by m.created_at desc, m.role limit 6`);
    previous = recent.find((m) => m.role === "assistant" && m.answer?.queryPlan)?.answer?.queryPlan ?? null;
    history = recent.reverse().map((m) => ({ role: m.role, content: m.content }));
    await tx.query(sql`update public.assistant_conversations set updated_at = now() where id = ${id}::uuid`);
  } else {
    const title = question.length > 80 ? `${question.slice(0, 79)}…` : question;
    id = (await tx.one<{ id: string }>(sql`insert into public.assistant_conversations (org_id, title) values (${orgId}, ${title}) returning id`)).id;
  }
  await tx.query(sql`insert into public.assistant_messages (conversation_id, org_id, role, content) values (${id}::uuid, ${orgId}, 'user', ${question})`);
  return { id, previous, history };
}

export async function saveAnswer(tx: Tx, orgId: string, conversationId: string, answer: StoredAnswer): Promise<string> {
  const row = await tx.one<{ id: string }>(sql`
    insert into public.assistant_messages (conversation_id, org_id, role, content, answer)
    values (${conversationId}::uuid, ${orgId}, 'assistant', ${answer.text}, ${JSON.stringify(answer)}::jsonb) returning id`);
  await tx.query(sql`update public.assistant_conversations set updated_at = now() where id = ${conversationId}::uuid`);
  return row.id;
}
