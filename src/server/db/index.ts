import "server-only";
import path from "node:path";
import { config } from "@/server/config";
import type { Engine, Tx } from "./engine";
import { loadEmbeddedTemplate } from "./embedded-template";
import { migrate } from "./migrate";
import { createPGliteEngine } from "./pglite-engine";
import { createPostgresEngine } from "./postgres-engine";
import { asAnonOn, asServiceOn, asUserOn, type Claims, type RequestMeta } from "./transactions";

export type { Tx, Engine } from "./engine";
export type { Claims, RequestMeta } from "./transactions";
export { sql } from "./sql";

/**
 * A function that runs `fn` in one transaction as the caller (RLS applies): the route wrapper's and
 * the pages' `db`. Services that need more than one transaction (work between them, such as a call
 * to Xero, or an email after a commit) take one of these instead of a Tx.
 */
export type CallerDb = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * The one database module. One engine per process, kept on globalThis so dev reloads reuse it;
 * a failed start is not cached, so the next request tries again.
 */
const holder = globalThis as typeof globalThis & { __xeropulseEngine?: Promise<Engine> };

async function start(): Promise<Engine> {
  const env = config();
  const localBootstrap = env.AUTH_PROVIDER === "local";
  const engine = env.DATABASE_URL
    ? createPostgresEngine(env.DATABASE_URL)
    : await openEmbedded(path.resolve(env.XEROPULSE_DATA_DIR, "pglite"), localBootstrap, env.XEROPULSE_DATA_MIN_FREE_MB * 1_048_576);
  try {
    if (env.DB_AUTO_MIGRATE) await migrate(engine, { localBootstrap });
    return engine;
  } catch (error) {
    await engine.close().catch(() => undefined);
    throw error;
  }
}

/** File-system refusals, in words an operator can act on. */
const FS_REASONS: Record<string, string> = {
  ENOTDIR: "a part of the path is a file, not a folder",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
};

async function openEmbedded(dataDir: string, localBootstrap: boolean, minFreeBytes: number) {
  try {
    // The build's migrated empty database (embedded-template.ts), made with the local bootstrap.
    const template = localBootstrap ? await loadEmbeddedTemplate(dataDir) : undefined;
    return await createPGliteEngine({ dataDir, loadDataDir: template, minFreeBytes });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code && code in FS_REASONS) {
      throw new Error(
        `The embedded database cannot use ${dataDir}: ${FS_REASONS[code]} (${code}). Point XEROPULSE_DATA_DIR at a folder this process can write, free some space, or set DATABASE_URL.`,
        { cause: error },
      );
    }
    throw error;
  }
}

export function getEngine(): Promise<Engine> {
  if (!holder.__xeropulseEngine) {
    holder.__xeropulseEngine = start().catch((error) => {
      holder.__xeropulseEngine = undefined;
      throw error;
    });
  }
  return holder.__xeropulseEngine;
}

/** Tests and scripts install their own engine (an in-memory PGlite or a test database). */
export function setEngine(engine: Engine | undefined): void {
  holder.__xeropulseEngine = engine ? Promise.resolve(engine) : undefined;
}

/** Request-path work: role `authenticated` with the caller's verified claims; RLS applies. */
export async function asUser<T>(claims: Claims, fn: (tx: Tx) => Promise<T>, meta?: RequestMeta): Promise<T> {
  return asUserOn(await getEngine(), claims, fn, meta);
}

/** Requests without a user (public invitation lookup): role `anon`. */
export async function asAnon<T>(fn: (tx: Tx) => Promise<T>, meta?: RequestMeta): Promise<T> {
  return asAnonOn(await getEngine(), fn, meta);
}

/**
 * Role `service_role` (bypasses RLS): auth internals, jobs, webhooks, invitation acceptance.
 * Every caller passes an explicit, validated org id where it touches tenant data.
 */
export async function asService<T>(fn: (tx: Tx) => Promise<T>, meta?: RequestMeta): Promise<T> {
  return asServiceOn(await getEngine(), fn, meta);
}

/**
 * The local auth adapter plays GoTrue's part: it works in schema `auth` as the connection role,
 * which the API roles cannot. Nothing else may use this.
 */
export async function asAuthAdmin<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (await getEngine()).transaction(fn);
}
