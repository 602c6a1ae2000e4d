import { sql, type Tx } from "@/server/db";
import type { ConversationSummary } from "@/lib/assistant-views";
import { conversationSummary } from "./conversation-summary";

export async function listConversations(tx: Tx, orgId: string): Promise<ConversationSummary[]> {
  const rows = await tx.query<{ id: string; title: string; created_at: Date; updated_at: Date }>(sql`
    select c.id, c.title, c.created_at, c.updated_at from public.assistant_conversations c
    where c.org_id = ${orgId} and c.user_id = (select auth.uid())
    order by c.updated_at desc, c.id limit 100`);
  return rows.map(conversationSummary);
}
