import { NextRequest } from "next/server";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  body?: unknown;
  /** A raw body, sent as is (malformed JSON, oversized payloads, binary). */
  rawBody?: string | Uint8Array;
  /** multipart/form-data (the boundary header is set from it). */
  form?: FormData;
  headers?: Record<string, string>;
  params?: Record<string, string | string[]>;
  query?: Record<string, string>;
  /** Read the answer as bytes (downloads) into `bytes` instead of parsing JSON. */
  binary?: boolean;
}

export interface CallResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  json: T;
  bytes?: Buffer;
}

export const ORIGIN = "http://localhost:3000";

/**
 * Calls route handlers in-process, as Next.js would, keeping cookies between calls like a browser
 * on our own origin (same-origin Origin header on every request).
 */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly ip = "203.0.113.10") {}

  async call<T = Record<string, unknown>>(handler: Handler, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
    const url = new URL(path, ORIGIN);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    const method = options.method ?? (options.body !== undefined || options.rawBody !== undefined || options.form !== undefined ? "POST" : "GET");
    const headers = new Headers({ origin: ORIGIN, "x-forwarded-for": this.ip, "user-agent": "vitest", ...options.headers });
    if (this.cookies.size && !headers.has("cookie")) {
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    let body: BodyInit | undefined = options.form ?? (options.rawBody as BodyInit | undefined);
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const req = new NextRequest(url, { method, headers, body });
    const res = await handler(req, { params: Promise.resolve(options.params ?? {}) });
    for (const raw of res.headers.getSetCookie()) {
      const [pair = ""] = raw.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = decodeURIComponent(pair.slice(eq + 1));
      if (value && !/max-age=0/i.test(raw)) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    if (options.binary) {
      const bytes = Buffer.from(await res.arrayBuffer());
      return { status: res.status, headers: res.headers, json: null as T, bytes };
    }
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : null) as T };
  }
}
