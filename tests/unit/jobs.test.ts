import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { ERROR_STATUS } from "@/lib/error-codes";
import { PERMISSIONS } from "@/lib/permissions";
import { FUNCTION_ERROR_STATUS } from "@edge-shared/edge/flat-error.ts";
import { acceptedKeys } from "@edge-shared/edge/job-function.ts";
import { retryDelayMs } from "@edge-shared/jobs/backoff.ts";
import { jobRegistry } from "@edge-shared/jobs/shared-job-registry.ts";
import { createJobRegistry } from "@edge-shared/jobs/create-job-registry.ts";
import { systemNoop } from "@edge-shared/jobs/kinds/system-noop.ts";
import { sleep } from "@edge-shared/jobs/worker.ts";

describe("retry backoff", () => {
  it("doubles per attempt within [half, full] of the exponential, capped", () => {
    expect(retryDelayMs(1, 5_000, 3_600_000, () => 0)).toBe(2_500);
    expect(retryDelayMs(1, 5_000, 3_600_000, () => 1)).toBe(5_000);
    expect(retryDelayMs(3, 5_000, 3_600_000, () => 0.5)).toBe(15_000);
    expect(retryDelayMs(30, 5_000, 3_600_000, () => 1)).toBe(3_600_000);
  });

  it("spreads retries of jobs that failed together", () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(4)));
    expect(delays.size).toBeGreaterThan(40);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(20_000);
      expect(d).toBeLessThanOrEqual(40_000);
    }
  });
});

describe("Edge Functions", () => {
  it("answer only with codes of the one closed error list, at the same statuses", () => {
    for (const [code, status] of Object.entries(FUNCTION_ERROR_STATUS)) {
      expect(ERROR_STATUS[code as keyof typeof ERROR_STATUS], code).toBe(status);
    }
  });

  it("accept the project's secret keys and the cron secret, and nothing short or malformed", () => {
    const env = (vars: Record<string, string>) => (name: string) => vars[name];
    expect(acceptedKeys(env({ SUPABASE_SECRET_KEYS: '{"default":"sb_secret_1234567890abcdef"}', JOBS_CRON_SECRET: "cron-secret-0123456789" })).sort()).toEqual(
      ["cron-secret-0123456789", "sb_secret_1234567890abcdef"],
    );
    expect(acceptedKeys(env({ SUPABASE_SECRET_KEYS: "not json", JOBS_CRON_SECRET: "short" }))).toEqual([]);
    expect(acceptedKeys(env({}))).toEqual([]);
  });
});

describe("job registry", () => {
  it("gives each runner its own kinds plus the system kinds", () => {
    expect(jobRegistry.get("system.noop")).toBe(systemNoop);
    expect(jobRegistry.kindsFor("alert-evaluate")).toContain("system.noop");
    expect(() => createJobRegistry([systemNoop, systemNoop])).toThrow("registered twice");
  });
});

describe("worker idling", () => {
  it("leaves no abort listener behind per poll (a long-running server would leak them)", async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await sleep(1, controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await waiting;
  });
});

describe("job kinds' read permission", () => {
  it("names a real permission (or null: any member) for every kind the app runs", () => {
    const kinds = jobRegistry.kindsFor("all");
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) {
      const permission = jobRegistry.get(kind)!.readPermission;
      if (permission !== null) expect(PERMISSIONS, kind).toContain(permission);
    }
    expect(jobRegistry.get("sync.run")!.readPermission).toBe("sync.read");
  });
});
