import { describe, expect, it } from "vitest";
import { utilizationLevel } from "@/lib/procurement-views";

const t = { warningPct: 75, criticalPct: 90, overBudgetPct: 100 };

describe("utilizationLevel", () => {
  it.each([
    ["0.00", "on_track"],
    ["74.99", "on_track"],
    ["75.00", "warning"],
    ["89.99", "warning"],
    ["90.00", "critical"],
    ["99.99", "critical"],
    ["100.00", "over_budget"],
    ["250.00", "over_budget"],
    ["-5.00", "on_track"],
  ] as const)("%s %% is %s (boundaries inclusive)", (percent, level) => {
    expect(utilizationLevel(percent, "1000.00", "0", t)).toBe(level);
  });

  it("puts a PO with order value 0 over budget as soon as anything is spent", () => {
    expect(utilizationLevel(null, "0.00", "0.01", t)).toBe("over_budget");
    expect(utilizationLevel(null, "0", "0.00", t)).toBe("on_track");
  });

  it("follows the organization's thresholds", () => {
    const custom = { warningPct: 50, criticalPct: 80.5, overBudgetPct: 110 };
    expect(utilizationLevel("50.00", "10", "5", custom)).toBe("warning");
    expect(utilizationLevel("80.49", "10", "8", custom)).toBe("warning");
    expect(utilizationLevel("80.50", "10", "8", custom)).toBe("critical");
    expect(utilizationLevel("109.99", "10", "11", custom)).toBe("critical");
    expect(utilizationLevel("110.00", "10", "11", custom)).toBe("over_budget");
  });
});
