/**
 * PostgreSQL going away (stopped, restarting, the network dropped): requests answer 503 in the flat
 * error shape within seconds, never a 500 or a hang, and the app recovers by itself when the
 * database returns. The database is taken away by a TCP relay in front of the shared server.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { setEngine, sql } from "@/server/db";
import { DatabaseUnavailableError } from "@/server/db/database-unavailable";
import { createPostgresEngine } from "@/server/db/postgres-engine";
import { withDatabase } from "../helpers/global-setup";
import { TestClient } from "../helpers/http-client";
import { startTcpProxy, viaPort, type TcpProxy } from "../helpers/tcp-proxy";

const url = process.env.TEST_DATABASE_URL!;
const name = `xp_test_${randomBytes(6).toString("hex")}`;
let proxy: TcpProxy;
let engine: ReturnType<typeof createPostgresEngine>;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject("pgTemplate")}`);
  await admin.end();
  const target = new URL(withDatabase(url, name));
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  engine = createPostgresEngine(viaPort(withDatabase(url, name), proxy.port), 3);
  setEngine(engine);
});

afterAll(async () => {
  setEngine(undefined);
  await engine.close();
  await proxy.close();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe("when PostgreSQL is unreachable", () => {
  it("answers 503 SERVICE_UNAVAILABLE in the flat shape, with Retry-After, and serves again once it is back", async () => {
    proxy.down();
    const started = performance.now();
    const res = await new TestClient().call(login, "/api/auth/login", { body: { email: "nobody@example.test", password: "whatever-password" } });
    expect(res.status).toBe(503);
    expect(res.json).toMatchObject({ code: "SERVICE_UNAVAILABLE", error: expect.stringMatching(/database/i), requestId: expect.any(String), timestamp: expect.any(String) });
    expect(res.headers.get("retry-after")).toBe("5");
    // Refused connections fail at once; the pool's connect timeout bounds the worst case.
    expect(performance.now() - started).toBeLessThan(6_000);
    proxy.up();
    const again = await new TestClient().call(login, "/api/auth/login", { body: { email: "nobody@example.test", password: "whatever-password" } });
    expect(again.status).toBe(401);
  });

  it("turns a connection dropped mid-transaction into DatabaseUnavailableError and does not reuse the broken connection", async () => {
    const dropped = engine.transaction(async (tx) => {
      await tx.query(sql`select 1`);
      proxy.down();
      await tx.query(sql`select 2`);
    });
    await expect(dropped).rejects.toBeInstanceOf(DatabaseUnavailableError);
    proxy.up();
    // Every later transaction gets a live connection: the dropped one was destroyed, not pooled.
    for (let i = 0; i < 5; i++) {
      const [row] = await engine.transaction((tx) => tx.query<{ ok: number }>(sql`select 1 as ok`));
      expect(row?.ok).toBe(1);
    }
  });
});

describe("recognizing a lost database", () => {
  it("knows the error by its name as well as by its class (a production build may bundle the class twice)", async () => {
    const { isConnectionFailure } = await import("@/server/db/database-unavailable");
    const { toAppError } = await import("@/server/http/to-app-error");
    const fromAnotherChunk = Object.assign(new Error("The database is not reachable"), { name: "DatabaseUnavailableError" });
    expect(isConnectionFailure(fromAnotherChunk)).toBe(true);
    expect(toAppError(fromAnotherChunk)).toMatchObject({ code: "SERVICE_UNAVAILABLE", status: 503 });
    expect(isConnectionFailure(new Error("duplicate key value violates unique constraint"))).toBe(false);
  });
});
