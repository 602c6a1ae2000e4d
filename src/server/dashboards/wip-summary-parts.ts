import type { TablePage, WipClientRow, WipJobRow } from "@/lib/dashboard-views";
import { toWipJobRow, type WipJobCents } from "./work-in-progress";

export interface WipSummary {
  /** The WIP tile: the sum of the table's rows over every job. */
  wip: number;
  /** The first rows of the WIP-by-job table and its size. */
  byJob: TablePage<WipJobRow>;
  /** The clients with the most WIP, largest first. */
  byClient: WipClientRow[];
}

/** One row of a WIP summary statement: part 0 the tile and size (`n`), 1 the table's page, 2 the clients, each in order of `pos`. */
export type WipSummaryPart = WipJobCents & { part: number; pos: number; n: number };

/** A WIP summary from its statement's rows (wipSummaryFromJobs, wipSummary). */
export function toWipSummary(rows: WipSummaryPart[]): WipSummary {
  const head = rows.find((r) => r.part === 0);
  return {
    wip: Number(head?.total_c ?? 0) / 100,
    byJob: { rows: rows.filter((r) => r.part === 1).map(toWipJobRow), total: Number(head?.n ?? 0) },
    byClient: rows
      .filter((r) => r.part === 2)
      .map((r) => ({ clientId: r.client_id, client: r.client, time: Number(r.time_c) / 100, costs: Number(r.costs_c) / 100, total: Number(r.total_c) / 100 })),
  };
}
