import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";

export async function deleteConversation(tx: Tx, orgId: string, id: string): Promise<void> {
  const gone = await tx.query(sql`
    delete from public.assistant_conversations where id = ${id}::uuid and org_id = ${orgId} and user_id = (select auth.uid()) returning id`);
  if (gone.length === 0) throw notFound("Conversation");
}
