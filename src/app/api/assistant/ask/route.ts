import { otherMethods } from "@/server/http/other-methods";
import { answerQuestion, prepareQuestion } from "@/server/assistant/ask-question";
import { askEventStream } from "@/server/assistant/ask-stream";
import { route } from "@/server/http/route";
import { askBody } from "@/lib/assistant-schemas";

// Streams for as long as a model takes (AI_TIMEOUT_MS) plus the metric queries.
export const maxDuration = 60;

/** Every member may ask; what they may ask about is decided per metric (a refusal says why). */
export const POST = route({ auth: "user", permission: "dashboards.view", body: askBody }, async ({ db, org, claims, body, req, requestId }) => {
  const ctx = { db, org, claims, requestId };
  const prepared = await prepareQuestion(ctx, body);
  if (req.headers.get("accept")?.includes("text/event-stream")) return askEventStream(ctx, prepared);
  return answerQuestion(ctx, prepared);
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
