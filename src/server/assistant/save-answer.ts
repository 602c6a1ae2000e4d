import { sql, type Tx } from "@/server/db";
import type { StoredAnswer } from "./stored-answer";

export async function saveAnswer(tx: Tx, orgId: string, conversationId: string, answer: StoredAnswer): Promise<string> {
  const row = await tx.one<{ id: string }>(sql`
    insert into public.assistant_messages (conversation_id, org_id, role, content, answer)
    values (${conversationId}::uuid, ${orgId}, 'assistant', ${answer.text}, ${JSON.stringify(answer)}::jsonb) returning id`);
  await tx.query(sql`update public.assistant_conversations set updated_at = now() where id = ${conversationId}::uuid`);
  return row.id;
}
