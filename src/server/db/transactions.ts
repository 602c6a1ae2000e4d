import type { Engine, Tx } from "./engine";
import { sql } from "./sql";

/** Verified JWT claims (GoTrue's claim set); only ever built from a verified token. */
export interface Claims {
  sub: string;
  role: "authenticated";
  email: string;
  session_id: string;
  aud: string;
  [claim: string]: unknown;
}

/** Who made the request, for audit events written inside the transaction. */
export interface RequestMeta {
  requestId?: string;
  ip?: string | null;
  userAgent?: string | null;
}

type ApiRole = "authenticated" | "anon" | "service_role";

const STATEMENT_TIMEOUT: Record<ApiRole, string> = { authenticated: "8s", anon: "3s", service_role: "60s" };

/**
 * Starts a transaction as an API role, the way PostgREST does: transaction-local settings only, so
 * nothing leaks to the next user of the connection (or of PGlite's single session).
 */
async function runAs<T>(engine: Engine, role: ApiRole, claims: object, meta: RequestMeta | undefined, fn: (tx: Tx) => Promise<T>) {
  return engine.transaction(async (tx) => {
    await tx.query(sql`
      select set_config('role', ${role}, true),
             set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
             set_config('search_path', 'public, extensions', true),
             set_config('statement_timeout', ${STATEMENT_TIMEOUT[role]}, true),
             set_config('app.request', ${JSON.stringify(meta ?? {})}, true)`);
    return fn(tx);
  });
}

export function asUserOn<T>(engine: Engine, claims: Claims, fn: (tx: Tx) => Promise<T>, meta?: RequestMeta) {
  return runAs(engine, "authenticated", claims, meta, fn);
}

export function asAnonOn<T>(engine: Engine, fn: (tx: Tx) => Promise<T>, meta?: RequestMeta) {
  return runAs(engine, "anon", { role: "anon" }, meta, fn);
}

export function asServiceOn<T>(engine: Engine, fn: (tx: Tx) => Promise<T>, meta?: RequestMeta) {
  return runAs(engine, "service_role", { role: "service_role" }, meta, fn);
}
