/**
 * One browser-like session over real HTTP: keeps its cookies, sends its own Origin on every
 * request (the app refuses cross-site mutations), and records every answer's latency and status
 * under an endpoint name for the load report.
 */
export interface Sample {
  endpoint: string;
  status: number;
  ms: number;
  /** Set when the answer is not one the workload expects (a 5xx, a network error, a wrong 4xx). */
  error?: string;
  at: number;
}

export interface RequestOptions {
  method?: string;
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  /** Statuses this call may answer besides 2xx (e.g. 409 when a sync is already running). */
  allow?: number[];
  timeoutMs?: number;
}

export class HttpSession {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly record: (sample: Sample) => void,
  ) {}

  async request<T = unknown>(endpoint: string, path: string, options: RequestOptions = {}): Promise<{ status: number; body: T | null }> {
    const headers = new Headers({ origin: this.baseUrl, ...options.headers });
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers.set("content-type", "application/json");
    } else if (options.form) {
      body = options.form;
    }
    const started = performance.now();
    try {
      const res = await fetch(new URL(path, this.baseUrl), {
        method: options.method ?? (body ? "POST" : "GET"),
        headers,
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      for (const raw of res.headers.getSetCookie()) {
        const [pair = ""] = raw.split(";");
        const eq = pair.indexOf("=");
        const value = decodeURIComponent(pair.slice(eq + 1));
        if (value && !/max-age=0/i.test(raw)) this.cookies.set(pair.slice(0, eq), value);
        else this.cookies.delete(pair.slice(0, eq));
      }
      const text = await res.text();
      const ms = performance.now() - started;
      const ok = (res.status >= 200 && res.status < 300) || (options.allow ?? []).includes(res.status);
      this.record({ endpoint, status: res.status, ms, at: Date.now(), ...(ok ? {} : { error: `${res.status} ${text.slice(0, 200)}` }) });
      let parsed: T | null = null;
      try {
        parsed = text ? (JSON.parse(text) as T) : null;
      } catch {
        parsed = null;
      }
      return { status: res.status, body: parsed };
    } catch (err) {
      const ms = performance.now() - started;
      this.record({ endpoint, status: 0, ms, at: Date.now(), error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      return { status: 0, body: null };
    }
  }
}
