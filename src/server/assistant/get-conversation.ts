import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import type { AssistantAnswer, ConversationMessageView, ConversationView } from "@/lib/assistant-views";
import { conversationSummary } from "./conversation-summary";
import type { StoredAnswer } from "./stored-answer";

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
    ...conversationSummary(conversation),
    messages: messages.map((m): ConversationMessageView => ({
      id: m.id, role: m.role, content: m.content, answer: publicAnswer(m.answer), createdAt: new Date(m.created_at).toISOString(),
    })),
  };
}
