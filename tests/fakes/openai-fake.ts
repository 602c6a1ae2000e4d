import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fake of the OpenAI Chat Completions API as OpenAI-compatible servers (OpenAI, Azure, Ollama,
 * vLLM) speak it, so `@ai-sdk/openai-compatible` runs against it unmodified through AI_BASE_URL:
 * - POST /v1/chat/completions (and /chat/completions) with `Authorization: Bearer <key>` (401
 *   `invalid_api_key` otherwise), `model`, `messages`, `tools`, `stream`, `stream_options`;
 * - streamed answers as the real API sends them: `data: {chat.completion.chunk}` events, text in
 *   `delta.content` pieces, tool calls as `delta.tool_calls` with the id and name first and the JSON
 *   arguments in several fragments, a last chunk with `finish_reason` ("stop" / "tool_calls"), a usage
 *   chunk when `stream_options.include_usage`, then `data: [DONE]`; events are sometimes split across
 *   TCP writes, as a proxy would;
 * - non-streamed answers as one `chat.completion` object;
 * - errors in OpenAI's body shape `{error: {message, type, param, code}}` (429 with retry-after, 500…);
 * - scripted behaviour: each request is answered by `respond(request)` (a test's "model"), and
 *   `failNext` / `hangNext` inject faults for the next requests.
 */

export interface FakeToolCall {
  name: string;
  /** An object is sent as JSON; a string is sent as is (malformed arguments). */
  arguments: Record<string, unknown> | string;
}

export type FakeReply =
  | { text: string }
  | { toolCalls: FakeToolCall[]; text?: string }
  | { status: number; code?: string; message?: string; retryAfter?: number };

export interface FakeChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string | null | { type: string; text?: string }[];
  tool_calls?: { id: string; type: "function"; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

export interface FakeChatRequest {
  model: string;
  messages: FakeChatMessage[];
  tools?: { type: "function"; function: { name: string; description?: string; parameters: Record<string, unknown> } }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  [key: string]: unknown;
}

/** The text of a message, whatever content shape the client used. */
export function messageText(message: FakeChatMessage): string {
  if (typeof message.content === "string") return message.content;
  if (Array.isArray(message.content)) return message.content.map((p) => p.text ?? "").join("");
  return "";
}

/** The parsed JSON of the last tool result in a request, if any. */
export function lastToolResult(request: FakeChatRequest): Record<string, unknown> | null {
  const tool = [...request.messages].reverse().find((m) => m.role === "tool");
  if (!tool) return null;
  const text = messageText(tool);
  try {
    const parsed = JSON.parse(text) as unknown;
    // Some clients wrap tool output as {type: "json", value}.
    if (parsed && typeof parsed === "object" && "value" in parsed && (parsed as { type?: string }).type === "json") return (parsed as { value: Record<string, unknown> }).value;
    return parsed as Record<string, unknown>;
  } catch {
    return { text };
  }
}

type Respond = (request: FakeChatRequest) => FakeReply | Promise<FakeReply>;

export async function startOpenAIFake(options: { apiKey?: string; respond?: Respond; chunkDelayMs?: number } = {}) {
  const apiKey = options.apiKey ?? `sk-test-${randomUUID().replace(/-/g, "")}`;
  let respond: Respond = options.respond ?? (() => ({ text: "Hello." }));
  const requests: FakeChatRequest[] = [];
  const faults: FakeReply[] = [];
  let hang = 0;
  const open = new Set<ServerResponse>();

  const error = (res: ServerResponse, status: number, code: string, message: string, retryAfter?: number) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
    res.writeHead(status, headers);
    res.end(JSON.stringify({ error: { message, type: status === 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error", param: null, code } }));
  };

  async function readJson(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  }

  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function stream(res: ServerResponse, request: FakeChatRequest, reply: Extract<FakeReply, { text: string } | { toolCalls: FakeToolCall[] }>) {
    const id = `chatcmpl-${randomUUID().slice(0, 12)}`;
    const created = Math.floor(Date.now() / 1000);
    const base = { id, object: "chat.completion.chunk", created, model: request.model, system_fingerprint: "fp_fake" };
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
    let writes = 0;
    const send = async (payload: unknown) => {
      const event = `data: ${typeof payload === "string" ? payload : JSON.stringify(payload)}\n\n`;
      // Every third event reaches the client in two TCP writes.
      if (++writes % 3 === 0) {
        const cut = Math.floor(event.length / 2);
        res.write(event.slice(0, cut));
        await wait(options.chunkDelayMs ?? 2);
        res.write(event.slice(cut));
      } else res.write(event);
      await wait(options.chunkDelayMs ?? 2);
    };
    await send({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }] });
    const text = "text" in reply && reply.text ? reply.text : "";
    for (const piece of text.match(/.{1,7}/gs) ?? []) {
      await send({ ...base, choices: [{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }] });
    }
    const calls = "toolCalls" in reply ? reply.toolCalls : [];
    for (const [index, call] of calls.entries()) {
      const args = typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments);
      await send({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index, id: `call_${randomUUID().slice(0, 8)}`, type: "function", function: { name: call.name, arguments: "" } }] }, logprobs: null, finish_reason: null }] });
      for (const fragment of args.match(/.{1,9}/gs) ?? []) {
        await send({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index, function: { arguments: fragment } }] }, logprobs: null, finish_reason: null }] });
      }
    }
    await send({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: calls.length ? "tool_calls" : "stop" }] });
    if (request.stream_options?.include_usage) {
      const prompt = JSON.stringify(request.messages).length / 4;
      await send({ ...base, choices: [], usage: { prompt_tokens: Math.round(prompt), completion_tokens: Math.round((text.length + JSON.stringify(calls).length) / 4), total_tokens: Math.round(prompt + text.length / 4) } });
    }
    await send("[DONE]");
    res.end();
  }

  function whole(res: ServerResponse, request: FakeChatRequest, reply: Extract<FakeReply, { text: string } | { toolCalls: FakeToolCall[] }>) {
    const calls = "toolCalls" in reply ? reply.toolCalls : [];
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: `chatcmpl-${randomUUID().slice(0, 12)}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: "text" in reply && reply.text ? reply.text : null,
              ...(calls.length
                ? { tool_calls: calls.map((c) => ({ id: `call_${randomUUID().slice(0, 8)}`, type: "function", function: { name: c.name, arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments) } })) }
                : {}),
            },
            finish_reason: calls.length ? "tool_calls" : "stop",
          },
        ],
        usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
      }),
    );
  }

  const server = createServer(async (req, res) => {
    open.add(res);
    res.on("close", () => open.delete(res));
    try {
      const path = (req.url ?? "").split("?")[0];
      if (req.method !== "POST" || !["/v1/chat/completions", "/chat/completions"].includes(path ?? "")) return error(res, 404, "not_found", `Unknown path ${path}`);
      if (req.headers.authorization !== `Bearer ${apiKey}`) return error(res, 401, "invalid_api_key", "Incorrect API key provided.");
      const request = (await readJson(req)) as FakeChatRequest;
      requests.push(request);
      if (hang > 0) {
        hang--;
        return; // never answers: the client's timeout decides
      }
      const reply = faults.shift() ?? (await respond(request));
      if ("status" in reply) return error(res, reply.status, reply.code ?? "error", reply.message ?? "The server had an error while processing your request.", reply.retryAfter);
      if (request.stream) await stream(res, request, reply);
      else whole(res, request, reply);
    } catch (e) {
      if (!res.headersSent) error(res, 400, "invalid_request_error", String((e as Error).message));
      else res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    /** Sets how the fake "model" answers each request. */
    setRespond(fn: Respond) {
      respond = fn;
    },
    /** The next `n` requests fail with this error reply. */
    failNext(reply: Extract<FakeReply, { status: number }>, n = 1) {
      for (let i = 0; i < n; i++) faults.push(reply);
    },
    /** The next `n` requests are accepted and never answered. */
    hangNext(n = 1) {
      hang += n;
    },
    reset() {
      requests.length = 0;
      faults.length = 0;
      hang = 0;
    },
    async close() {
      for (const res of open) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type OpenAIFake = Awaited<ReturnType<typeof startOpenAIFake>>;
