/**
 * Where uploaded import files live, as job code sees it: the app passes its store (a local folder,
 * or Supabase Storage) to the runners, and the Edge Functions build the Supabase one from their
 * environment. Object paths are `<org_id>/<import_id>.xlsx`.
 */
export interface ImportFileStore {
  put(path: string, data: Uint8Array): Promise<void>;
  /** Null when there is no such file (deleted after retention). */
  get(path: string): Promise<Uint8Array | null>;
  remove(paths: readonly string[]): Promise<void>;
}

export const IMPORT_BUCKET = "imports";

const OBJECT_PATH = /^[0-9a-f-]{36}\/[0-9a-f-]{36}\.xlsx$/;

/** Paths come from our own ids; anything else (traversal, another bucket) is refused outright. */
export function assertImportObjectPath(path: string): string {
  if (!OBJECT_PATH.test(path)) throw new Error(`not an import object path: ${path}`);
  return path;
}

/**
 * Supabase Storage through its REST API with the project's secret (service-role) key: the bucket is
 * private and only the server and the job runners touch it. Web-standard fetch, so the same code
 * runs in Node and in the Edge Functions.
 */
export function supabaseImportFileStore(options: { url: string; secretKey: string; fetch?: typeof fetch; bucket?: string }): ImportFileStore {
  const base = `${options.url.replace(/\/+$/, "")}/storage/v1/object`;
  const bucket = options.bucket ?? IMPORT_BUCKET;
  const doFetch = options.fetch ?? fetch;
  const headers = { Authorization: `Bearer ${options.secretKey}`, apikey: options.secretKey };
  const fail = async (what: string, res: Response) => {
    throw new Error(`Supabase Storage ${what} failed: ${res.status} ${(await res.text().catch(() => "")).slice(0, 200)}`);
  };
  return {
    async put(path, data) {
      const res = await doFetch(`${base}/${bucket}/${assertImportObjectPath(path)}`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "x-upsert": "true" },
        body: data as BodyInit,
      });
      if (!res.ok) await fail("upload", res);
    },
    async get(path) {
      const res = await doFetch(`${base}/${bucket}/${assertImportObjectPath(path)}`, { headers });
      if (res.status === 404 || res.status === 400) return null;
      if (!res.ok) await fail("download", res);
      return new Uint8Array(await res.arrayBuffer());
    },
    async remove(paths) {
      if (paths.length === 0) return;
      const res = await doFetch(`${base}/${bucket}`, {
        method: "DELETE",
        headers: { ...headers, "Content-Type": "application/json" },
        body: JSON.stringify({ prefixes: paths.map(assertImportObjectPath) }),
      });
      if (!res.ok) await fail("delete", res);
    },
  };
}

/** The Supabase store from a function's environment (SUPABASE_URL and a secret key), if both are set. */
export function importFileStoreFromEnv(env: (name: string) => string | undefined): ImportFileStore | undefined {
  const url = env("SUPABASE_URL");
  let key = env("SUPABASE_SERVICE_ROLE_KEY");
  try {
    const keys = JSON.parse(env("SUPABASE_SECRET_KEYS") ?? "{}") as Record<string, unknown>;
    const first = Object.values(keys).find((v): v is string => typeof v === "string");
    key = first ?? key;
  } catch {
    // Fall back to the legacy key.
  }
  return url && key ? supabaseImportFileStore({ url, secretKey: key }) : undefined;
}
