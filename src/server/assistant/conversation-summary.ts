import type { ConversationSummary } from "@/lib/assistant-views";

/** A conversation row as the wire shows it in lists and at the head of a conversation. */
export const conversationSummary = (r: { id: string; title: string; created_at: Date; updated_at: Date }): ConversationSummary => ({
  id: r.id, title: r.title, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
});
