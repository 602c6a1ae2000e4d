import { describe, expect, it } from "vitest";
import { limitMinimumMs } from "../../bench/limit-minimum-ms";

// The sync benchmark's target (≤ 1.1 of this) is only honest if the minimum is the true least time.
describe("limitMinimumMs", () => {
  it("lets the first minute's calls go at once", () => {
    expect(limitMinimumMs(0, 60, 20_000)).toBe(0);
    expect(limitMinimumMs(1, 60, 20_000)).toBe(0);
    expect(limitMinimumMs(60, 60, 20_000)).toBe(0);
  });

  it("makes call 61 wait one minute, and call 121 two", () => {
    expect(limitMinimumMs(61, 60, 20_000)).toBe(20_000);
    expect(limitMinimumMs(120, 60, 20_000)).toBe(20_000);
    expect(limitMinimumMs(121, 60, 20_000)).toBe(40_000);
  });

  it("gives the full-scale limited run (about 210 calls) three minutes", () => {
    expect(limitMinimumMs(211, 60, 20_000)).toBe(60_000);
  });
});
