import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import type { Plan } from "./plan";
import type { StoredAnswer } from "./stored-answer";

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
