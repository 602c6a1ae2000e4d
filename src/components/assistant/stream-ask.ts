import { ApiError } from "@/lib/api-client";
import { isErrorBody } from "@/lib/error-codes";
import type { AskStreamEvent } from "@/lib/assistant-views";

/**
 * POST /api/assistant/ask as server-sent events: each event is handed to `onEvent` as it arrives.
 * A request refused before the answer starts (422, 429…) throws the usual ApiError.
 */
export async function streamAsk(
  org: string,
  body: { question: string; conversationId?: string },
  onEvent: (event: AskStreamEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch("/api/assistant/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream", "X-Org-Id": org },
      body: JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError({ status: 0, code: "NETWORK_ERROR", message: "Could not reach the server. Check your connection and try again." });
  }
  if (!response.ok || !response.body) {
    const payload: unknown = await response.json().catch(() => null);
    const retryAfter = Number(response.headers.get("Retry-After"));
    if (isErrorBody(payload)) {
      throw new ApiError({
        status: response.status,
        code: payload.code,
        message: payload.error,
        details: payload.details ?? (retryAfter > 0 ? { retryAfterSeconds: retryAfter } : undefined),
        requestId: payload.requestId,
      });
    }
    throw new ApiError({ status: response.status, code: "UNKNOWN_ERROR", message: `The server answered ${response.status}` });
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = block.match(/^event: (.+)$/m)?.[1];
      const data = block.match(/^data: (.*)$/m)?.[1];
      if (name && data !== undefined) onEvent({ event: name, data: JSON.parse(data) } as AskStreamEvent);
    }
  }
}
