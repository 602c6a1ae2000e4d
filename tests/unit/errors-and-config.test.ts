import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "@/server/config";
import { AppError } from "@/server/http/app-error";
import { toAppError } from "@/server/http/to-app-error";
import { ERROR_STATUS } from "@/lib/error-codes";

describe("error mapping", () => {
  it.each([
    [{ code: "23505", message: "duplicate key" }, "CONFLICT", 409],
    [{ code: "42501", message: "new row violates row-level security policy" }, "FORBIDDEN", 403],
    [{ code: "22P02", message: "invalid input syntax for type uuid" }, "VALIDATION_FAILED", 422],
    [{ code: "P0001", message: "invitation expired", hint: "INVITE_EXPIRED" }, "INVITE_EXPIRED", 410],
    [{ code: "P0001", message: "x", hint: "NOT_A_CODE" }, "INTERNAL_ERROR", 500],
    [{ code: "53100", message: 'could not extend file "base/5/16384": No space left on device' }, "STORAGE_FULL", 507],
    [{ code: "58030", message: 'could not write to file "pg_wal/xlogtemp.1": No space left on device' }, "STORAGE_FULL", 507],
    [Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }), "STORAGE_FULL", 507],
    [Object.assign(new Error("EDQUOT: disk quota exceeded, write"), { code: "EDQUOT" }), "STORAGE_FULL", 507],
  ])("maps %j to %s", (pgError, code, status) => {
    const mapped = toAppError(pgError);
    expect(mapped.code).toBe(code);
    expect(mapped.status).toBe(status);
  });

  it("maps zod errors to VALIDATION_FAILED with per-field details", () => {
    const result = z.object({ email: z.string().email() }).safeParse({ email: "x" });
    const mapped = toAppError(result.error);
    expect(mapped.status).toBe(422);
    expect(mapped.details).toEqual({ email: [expect.any(String)] });
  });

  it("hides unknown errors behind a generic 500", () => {
    const mapped = toAppError(new Error("connection string postgres://secret@host"));
    expect(mapped.code).toBe("INTERNAL_ERROR");
    expect(mapped.message).not.toContain("secret");
  });

  it("keeps statuses and codes in one closed list", () => {
    expect(new AppError("RATE_LIMITED", "x").status).toBe(429);
    for (const code of Object.keys(ERROR_STATUS)) expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
  });
});

describe("config", () => {
  it("defaults to the embedded mode with no environment at all", () => {
    const env = parseConfig({});
    expect(env.AUTH_PROVIDER).toBe("local");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.XEROPULSE_DATA_DIR).toBe("./.data");
    expect(env.SEED_DEMO).toBe(true);
  });

  it("sends through Resend when a key is set and no transport is named; the outbox otherwise or when named", () => {
    expect(parseConfig({}).EMAIL_TRANSPORT).toBe("outbox");
    expect(parseConfig({ RESEND_API_KEY: "re_123" }).EMAIL_TRANSPORT).toBe("resend");
    expect(parseConfig({ RESEND_API_KEY: "re_123", EMAIL_TRANSPORT: "outbox" }).EMAIL_TRANSPORT).toBe("outbox");
    expect(parseConfig({ RESEND_API_KEY: "", EMAIL_TRANSPORT: "" }).EMAIL_TRANSPORT).toBe("outbox");
    expect(() => parseConfig({ EMAIL_TRANSPORT: "resend" })).toThrow(/RESEND_API_KEY/);
  });

  it("fails fast naming the variable", () => {
    expect(() => parseConfig({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig({ AUTH_PROVIDER: "supabase" })).toThrow(/NEXT_PUBLIC_SUPABASE_URL/);
    expect(() => parseConfig({ AUTH_JWT_SECRET: "short" })).toThrow(/AUTH_JWT_SECRET/);
  });
});

describe("documentation of the environment", () => {
  it("names every variable the app reads in .env.example and the README", async () => {
    const { readFileSync } = await import("node:fs");
    const { CONFIG_KEYS } = await import("@/server/config");
    const example = readFileSync(".env.example", "utf8");
    const readme = readFileSync("README.md", "utf8");
    for (const key of CONFIG_KEYS.filter((k) => k !== "NODE_ENV")) {
      expect(example, `${key} in .env.example`).toMatch(new RegExp(`^${key}=`, "m"));
      expect(readme, `${key} in README.md`).toContain(`\`${key}\``);
    }
  });
});
