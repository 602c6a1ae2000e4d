import type { AssistantAnswer } from "@/lib/assistant-views";
import type { Plan } from "./plan";

/**
 * Conversations are the asker's own: RLS lets a user reach only their conversations in
 * organizations they are an active member of. The `user_id = auth.uid()` in their queries is
 * defence in depth.
 */

/** What is stored with an answer: the answer as sent, and the plan a follow-up builds on. */
export interface StoredAnswer extends AssistantAnswer {
  queryPlan: Plan | null;
}
