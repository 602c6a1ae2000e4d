import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { waitForDemoAt } from "../../tests/e2e/support/wait-for-demo-data";
import { NEXT_START, stopServer } from "./stop-server";

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code (or signal). */
  stop(graceMs?: number): Promise<string>;
}

export interface StartOptions {
  port: number;
  engine: "pglite" | "postgres";
  /** The embedded database's folder (PGlite), or the PostgreSQL database's URL. */
  dataDir?: string;
  databaseUrl?: string;
  env?: Record<string, string>;
  logFile: string;
  /** The embedded demo makes its bulk data and connects Demo Xero after start-up: wait for both (default on PGlite). */
  waitForDemo?: boolean;
}

export const OPERATOR_TOKEN = "load-operator-token-0123456789abcdef";

/** Runs one of the project's scripts (db migrate/seed) with the given environment. */
export function runScript(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "--conditions=react-server", ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}`))));
  });
}

/**
 * Starts the production build (`next start`, the node process itself, so its pid is the server's
 * for RSS and signals) and waits until a demo login succeeds (and, on PGlite, the demo's data and
 * Demo Xero are in).
 */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`the load suite needs a production build in ${distDir}: run \`npm run build\` first`);
  await mkdir(path.dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  const url = `http://127.0.0.1:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(options.port),
    APP_URL: url,
    LOG_LEVEL: "warn",
    OPERATOR_TOKEN,
    DATABASE_URL: options.databaseUrl ?? "",
    ...(options.dataDir ? { XEROPULSE_DATA_DIR: options.dataDir } : {}),
    ...(options.databaseUrl ? { AUTH_JWT_SECRET: "load-suite-jwt-secret-0123456789abcdef0123456789" } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, [...NEXT_START, "-p", String(options.port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const stop = (graceMs = 15_000) => stopServer(child, graceMs);
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}; see ${options.logFile}`);
    try {
      const res = await fetch(`${url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: url },
        body: JSON.stringify({ email: "admin@acme.test", password: "xeropulse-demo" }),
      });
      if (res.status === 200) {
        if (options.waitForDemo ?? options.engine === "pglite") await waitForDemoAt(url);
        return { url, child, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`no successful login within 300 s; see ${options.logFile}`);
}

export async function freshDir(dir: string) {
  await rm(dir, { recursive: true, force: true });
  return dir;
}
