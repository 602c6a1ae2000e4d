import { randomUUID } from "node:crypto";

const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Accepts a caller's X-Request-ID when it looks like an id, otherwise makes one. */
export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
}
