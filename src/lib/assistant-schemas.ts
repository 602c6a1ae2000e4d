import { text } from "@/lib/text-schema";
import { z } from "zod";

/** Shared by the /api/assistant routes, the OpenAPI description and the Ask page. */
export const MAX_QUESTION_LENGTH = 500;

/** A question, optionally continuing a conversation. Unknown fields are refused. */
export const askBody = z
  .object({
    question: text({ message: "Ask a question" })
      .trim()
      .min(1, "Ask a question")
      .max(MAX_QUESTION_LENGTH, `Keep the question under ${MAX_QUESTION_LENGTH} characters`),
    conversationId: z.uuid({ message: "Not a conversation id" }).optional(),
  })
  .strict();
export type AskInput = z.infer<typeof askBody>;

export const conversationParams = z.object({ id: z.uuid() });

/** Settings › Organization: send questions to the configured model (off by default). */
export const assistantSettingsBody = z.object({ modelEnabled: z.boolean({ message: "Send true or false" }) }).strict();
