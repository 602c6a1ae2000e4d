/**
 * Xero's limits, enforced on our side so the API never has to (reference/integrations.md §3): per
 * tenant N calls a minute, M a day and C in flight; app-wide K a minute across tenants. One limiter
 * instance is shared by every sync in a process.
 *
 * A call occupies a window slot from when it starts until `windowMs` after it *finishes*: Xero counts
 * a call when it receives it, which is somewhere in between, so counting from the finish can never
 * under-count. 429s feed back through `pause`: a minute breach waits for Retry-After; a day breach is
 * a distinct outcome (`DayLimitReached`), since nobody should sleep for hours inside a job.
 */
import { DayLimitReached } from "./sync-errors.ts";

export interface RateLimits {
  perMinute: number;
  perDay: number;
  concurrent: number;
  appPerMinute: number;
  /** The length of a "minute" and a "day": shortened only by tests. */
  minuteMs: number;
  dayMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  perMinute: 60,
  perDay: 5_000,
  concurrent: 5,
  appPerMinute: 10_000,
  minuteMs: 60_000,
  dayMs: 86_400_000,
};

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: LimiterClock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/** Finish times of recent calls, oldest first (calls finish roughly in order; we insert sorted anyway). */
class Window {
  private times: number[] = [];
  constructor(private readonly span: number) {}
  prune(now: number) {
    let drop = 0;
    while (drop < this.times.length && this.times[drop]! + this.span <= now) drop++;
    if (drop) this.times.splice(0, drop);
  }
  count(now: number) {
    this.prune(now);
    return this.times.length;
  }
  /** When the oldest entry leaves the window. */
  nextFree() {
    return (this.times[0] ?? 0) + this.span;
  }
  add(t: number) {
    let i = this.times.length;
    while (i > 0 && this.times[i - 1]! > t) i--;
    this.times.splice(i, 0, t);
  }
}

interface TenantState {
  minute: Window;
  day: Window;
  inFlight: number;
  pausedUntil: number;
  dayPausedUntil: number;
}

export interface LimiterSnapshot {
  tenantId: string;
  minuteUsed: number;
  dayUsed: number;
  inFlight: number;
  pausedUntil: number | null;
  dayPausedUntil: number | null;
}

export class RateLimiter {
  readonly limits: RateLimits;
  private readonly tenants = new Map<string, TenantState>();
  private readonly app: Window;
  private appInFlight = 0;
  private waiters: (() => void)[] = [];

  constructor(limits: Partial<RateLimits> = {}, private readonly clock: LimiterClock = realClock) {
    this.limits = { ...DEFAULT_RATE_LIMITS, ...limits };
    this.app = new Window(this.limits.minuteMs);
  }

  private tenant(id: string): TenantState {
    let t = this.tenants.get(id);
    if (!t) {
      t = { minute: new Window(this.limits.minuteMs), day: new Window(this.limits.dayMs), inFlight: 0, pausedUntil: 0, dayPausedUntil: 0 };
      this.tenants.set(id, t);
    }
    return t;
  }

  /**
   * Waits for a slot and returns its release function (call it when the response has been read).
   * Throws DayLimitReached at once when the tenant's day allowance is spent.
   */
  async acquire(tenantId: string): Promise<() => void> {
    const t = this.tenant(tenantId);
    for (;;) {
      const now = this.clock.now();
      if (t.dayPausedUntil > now) throw new DayLimitReached(tenantId, t.dayPausedUntil);
      // In-flight calls count against every window: they will be counted when they finish.
      if (t.day.count(now) + t.inFlight >= this.limits.perDay) {
        throw new DayLimitReached(tenantId, t.day.count(now) >= this.limits.perDay ? t.day.nextFree() : now + this.limits.minuteMs);
      }
      let wakeAt = 0;
      if (t.pausedUntil > now) wakeAt = t.pausedUntil;
      else if (t.inFlight >= this.limits.concurrent) wakeAt = Infinity;
      else if (t.minute.count(now) + t.inFlight >= this.limits.perMinute) wakeAt = t.minute.count(now) > 0 ? t.minute.nextFree() : Infinity;
      else if (this.app.count(now) + this.appInFlight >= this.limits.appPerMinute) wakeAt = this.app.count(now) > 0 ? this.app.nextFree() : Infinity;
      if (wakeAt === 0) break;
      await this.waitUntil(wakeAt);
    }
    t.inFlight++;
    this.appInFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const end = this.clock.now();
      t.inFlight--;
      this.appInFlight--;
      t.minute.add(end);
      t.day.add(end);
      this.app.add(end);
      this.wake();
    };
  }

  /** Obeys a 429: `minute` (and anything else) pauses until Retry-After; `day` pauses and ends the run. */
  pause(tenantId: string, problem: "minute" | "day" | "app" | "concurrent" | "other", retryAfterMs: number) {
    const t = this.tenant(tenantId);
    const until = this.clock.now() + Math.max(0, retryAfterMs);
    if (problem === "day") t.dayPausedUntil = Math.max(t.dayPausedUntil, until);
    else t.pausedUntil = Math.max(t.pausedUntil, until);
    this.wake();
  }

  snapshot(tenantId: string): LimiterSnapshot {
    const t = this.tenant(tenantId);
    const now = this.clock.now();
    return {
      tenantId,
      minuteUsed: t.minute.count(now),
      dayUsed: t.day.count(now),
      inFlight: t.inFlight,
      pausedUntil: t.pausedUntil > now ? t.pausedUntil : null,
      dayPausedUntil: t.dayPausedUntil > now ? t.dayPausedUntil : null,
    };
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private async waitUntil(at: number) {
    const signal = new Promise<void>((resolve) => this.waiters.push(resolve));
    if (at === Infinity) return signal;
    // A few ms of slack so a timer that fires early does not spin.
    await Promise.race([signal, this.clock.sleep(Math.max(1, at - this.clock.now() + 2))]);
  }
}

/** `X-Rate-Limit-Problem` values vary in spelling: match on substrings, case-insensitively. */
export function classifyRateLimitProblem(header: string | null): "minute" | "day" | "app" | "concurrent" | "other" {
  const v = (header ?? "").toLowerCase();
  if (v.includes("day")) return "day";
  if (v.includes("app")) return "app";
  if (v.includes("concurren")) return "concurrent";
  if (v.includes("min")) return "minute";
  return "other";
}
