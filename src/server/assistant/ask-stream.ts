import { logger } from "@/server/http/logger";
import { toAppError } from "@/server/http/to-app-error";
import type { AskStreamEvent } from "@/lib/assistant-views";
import { answerQuestion, type AskContext, type PreparedQuestion } from "./ask-question";

/**
 * The answer as server-sent events (`Accept: text/event-stream`): `event: <name>` and one JSON
 * `data:` line per event. A failure after the stream has started is an `error` event in the flat
 * error shape. A client that goes away does not stop the answer from being saved.
 */
export function askEventStream(ctx: AskContext, prepared: PreparedQuestion): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (e: AskStreamEvent) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`));
        } catch {
          open = false;
        }
      };
      try {
        await answerQuestion(ctx, prepared, send);
      } catch (error) {
        const appError = toAppError(error);
        if (appError.status >= 500) logger.error({ err: error, requestId: ctx.requestId }, "assistant answer failed");
        send({ event: "error", data: { error: appError.message, code: appError.code, requestId: ctx.requestId, timestamp: new Date().toISOString() } });
      } finally {
        if (open) controller.close();
      }
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" },
  });
}
