import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An in-memory fake of Supabase Storage's object API, enough for the import files:
 * POST|PUT /storage/v1/object/{bucket}/{path} (x-upsert), GET /storage/v1/object/{bucket}/{path},
 * DELETE /storage/v1/object/{bucket} {prefixes}. Requests must carry the service key as
 * `Authorization: Bearer` (403 otherwise); unknown buckets and objects answer 400/404 in Storage's
 * error shape `{statusCode, error, message}`.
 */
export interface StorageFake {
  url: string;
  objects: Map<string, Buffer>;
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

export async function startStorageFake(options: { secretKey: string; buckets?: string[] }): Promise<StorageFake> {
  const objects = new Map<string, Buffer>();
  const requests: StorageFake["requests"] = [];
  const buckets = new Set(options.buckets ?? ["imports"]);
  const body = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve(Buffer.concat(chunks)));
    });
  const fail = (res: ServerResponse, status: number, error: string, message: string) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ statusCode: String(status), error, message }));
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    requests.push({ method: req.method ?? "GET", path: url.pathname });
    if (req.headers.authorization !== `Bearer ${options.secretKey}`) return fail(res, 403, "Unauthorized", "invalid signature");
    const m = /^\/storage\/v1\/object\/([^/]+)(?:\/(.+))?$/.exec(url.pathname);
    if (!m || !buckets.has(m[1]!)) return fail(res, 400, "Bucket not found", "Bucket not found");
    const [bucket, path] = [m[1]!, m[2] ? decodeURIComponent(m[2]) : undefined];
    const key = `${bucket}/${path}`;
    const data = await body(req);
    if ((req.method === "POST" || req.method === "PUT") && path) {
      if (objects.has(key) && req.headers["x-upsert"] !== "true") return fail(res, 409, "Duplicate", "The resource already exists");
      objects.set(key, data);
      return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ Key: key, Id: key }));
    }
    if (req.method === "GET" && path) {
      const object = objects.get(key);
      if (!object) return fail(res, 404, "not_found", "Object not found");
      return res.writeHead(200, { "content-type": "application/octet-stream" }).end(object);
    }
    if (req.method === "DELETE" && !path) {
      const { prefixes } = JSON.parse(data.toString("utf8") || "{}") as { prefixes?: string[] };
      const removed = (prefixes ?? []).filter((p) => objects.delete(`${bucket}/${p}`)).map((name) => ({ name }));
      return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(removed));
    }
    return fail(res, 405, "Method not allowed", "Method not allowed");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
