import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "./app-error";
import { logger } from "./logger";
import { requestIdFrom } from "./request-id";
import { errorResponse } from "./route";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

type RouteHandler = (req: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type Implemented = Partial<Record<HttpMethod, RouteHandler>>;
/** The methods a route file must still export: everything it does not implement (HEAD comes with GET). */
type Missing<T extends Implemented> = Exclude<HttpMethod, keyof T | ("GET" extends keyof T ? "HEAD" : never)>;

/**
 * The answers to the methods a route file does not implement. Next.js answers those itself with a
 * bare 405 and no `Allow`; every route file instead ends with
 *
 *     export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
 *
 * so a client gets 405 METHOD_NOT_ALLOWED in the flat error shape with `Allow`, and OPTIONS lists
 * the same methods. (A test walks every route file and checks that it exports every method.)
 */
export function otherMethods<T extends Implemented>(implemented: T): Record<Missing<T>, RouteHandler> {
  const allow = HTTP_METHODS.filter((m) => m in implemented || m === "OPTIONS" || (m === "HEAD" && "GET" in implemented)).join(", ");
  const notAllowed: RouteHandler = async (req) => {
    const requestId = requestIdFrom(req.headers);
    const error = new AppError("METHOD_NOT_ALLOWED", `${req.method} is not allowed here; use ${allow}`, undefined, { Allow: allow });
    const response = errorResponse(error, requestId);
    response.headers.set("Cache-Control", "no-store");
    logger.info({ requestId, method: req.method, path: req.nextUrl.pathname, status: 405 }, "request");
    return response;
  };
  const options: RouteHandler = async (req) =>
    new NextResponse(null, { status: 204, headers: { Allow: allow, "X-Request-ID": requestIdFrom(req.headers), "Cache-Control": "no-store" } });
  const handlers: Partial<Record<HttpMethod, RouteHandler>> = {};
  for (const method of HTTP_METHODS) {
    if (method in implemented || (method === "HEAD" && "GET" in implemented)) continue;
    handlers[method] = method === "OPTIONS" ? options : notAllowed;
  }
  return handlers as Record<Missing<T>, RouteHandler>;
}
