"use client";

import { Line, LineChart, ResponsiveContainer } from "recharts";

/**
 * A small trend line for a key figure. Decorative to screen readers: the figure card carries the
 * same months as a table (its text alternative).
 */
export function Sparkline({ data }: { data: { month: string; value: number }[] }) {
  return (
    <div className="h-10 w-full" aria-hidden="true" data-testid="sparkline">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 4, right: 2, bottom: 4, left: 2 }} accessibilityLayer={false}>
          <Line type="monotone" dataKey="value" stroke="var(--color-primary)" strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
