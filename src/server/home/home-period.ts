import type { HomeView } from "@/lib/home-views";

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The home page's period: the 30 days up to `today` (inclusive), and the 30 days before them. */
export function homePeriod(today: string): HomeView["period"] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return { from: iso(end - 29 * DAY), to: today, previousFrom: iso(end - 59 * DAY), previousTo: iso(end - 30 * DAY) };
}
