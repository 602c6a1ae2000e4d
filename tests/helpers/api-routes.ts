import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { NextRequest } from "next/server";
import { HTTP_METHODS, type HttpMethod } from "@/server/http/other-methods";

export type RouteHandler = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export interface ApiRouteFile {
  /** The OpenAPI path: /api/users/{userId}. */
  apiPath: string;
  file: string;
  /** Whether it is the catch-all 404 (src/app/api/[...path]). */
  catchAll: boolean;
  /** Every method the module exports. */
  handlers: Partial<Record<HttpMethod, RouteHandler>>;
}

const API_DIR = path.resolve("src/app/api");

/**
 * Every route.ts under src/app/api, found on disk (a route added tomorrow is walked without
 * anyone listing it), with its exported handlers.
 */
export async function loadApiRoutes(): Promise<ApiRouteFile[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry === "route.ts") files.push(full);
    }
  };
  walk(API_DIR);
  return Promise.all(
    files.map(async (file) => {
      const apiPath = "/" + path.relative(path.resolve("src/app"), path.dirname(file)).split(path.sep).join("/").replace(/\[([^\].]+)\]/g, "{$1}");
      const mod = (await import(file)) as Record<string, unknown>;
      const handlers: Partial<Record<HttpMethod, RouteHandler>> = {};
      for (const method of HTTP_METHODS) if (typeof mod[method] === "function") handlers[method] = mod[method] as RouteHandler;
      return { apiPath, file: path.relative(process.cwd(), file), catchAll: apiPath.includes("[..."), handlers };
    }),
  );
}
