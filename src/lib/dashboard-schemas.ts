import { z } from "zod";
import { text } from "./text-schema";
import { DASHBOARD_TABLE_KEYS } from "@/lib/dashboard-views";
import { ROLES } from "@/lib/permissions";

/**
 * Shared zod schemas of the dashboards API (routes, OpenAPI and the settings form use the same).
 */
const isoDate = text()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use an ISO date, YYYY-MM-DD")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Not a calendar date")
  .refine((v) => v >= "2000-01-01" && v <= "2100-12-31", "Dates must fall between 2000 and 2100");

const filterId = text().trim().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, "Not a valid id");

/** Longest range a dashboard answers: ten years of daily data. */
export const MAX_RANGE_DAYS = 3660;

/** The date range must run forwards and stay within MAX_RANGE_DAYS. */
const rangeInOrder = (q: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (q.from && q.to) {
    if (q.from > q.to) ctx.addIssue({ code: "custom", path: ["from"], message: "must be on or before `to`" });
    else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_RANGE_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `the range may span at most ${MAX_RANGE_DAYS} days` });
    }
  }
};

const dashboardFilters = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  contact: filterId.optional(),
  client: filterId.optional(),
  staff: filterId.optional(),
};

/**
 * `from`/`to` and the filters a dashboard understands. Unknown query parameters are refused rather
 * than ignored, so a typo never silently shows unfiltered numbers.
 */
export const dashboardDataQuery = z.object(dashboardFilters).strict().superRefine(rangeInOrder);
export type DashboardDataQuery = z.infer<typeof dashboardDataQuery>;

/**
 * One table of a dashboard in full, as CSV: the data query plus the table, and `org` because a
 * download is a plain navigation that cannot send X-Org-Id.
 */
export const dashboardExportQuery = z
  .object({
    ...dashboardFilters,
    table: z.enum(DASHBOARD_TABLE_KEYS, { message: `Choose one of: ${DASHBOARD_TABLE_KEYS.join(", ")}` }),
    org: text().trim().min(1).max(64).optional(),
  })
  .strict()
  .superRefine(rangeInOrder);
export type DashboardExportQuery = z.infer<typeof dashboardExportQuery>;

export const dashboardIdParams = z.object({ id: z.uuid() });

export const DASHBOARD_FILTERS = ["contact", "client", "staff"] as const;
export type DashboardFilter = (typeof DASHBOARD_FILTERS)[number];

/** Searching the choices of one dashboard filter (contacts, clients, staff) by name, on the server. */
export const dashboardFilterOptionsQuery = z
  .object({
    filter: z.enum(DASHBOARD_FILTERS, { message: `Choose one of: ${DASHBOARD_FILTERS.join(", ")}` }),
    q: text().trim().max(100, "Search with at most 100 characters").optional(),
    limit: z.coerce.number({ message: "A number" }).int().min(1).max(50).default(20),
  })
  .strict();
export type DashboardFilterOptionsQuery = z.infer<typeof dashboardFilterOptionsQuery>;

export const dashboardConfigItemSchema = z
  .object({
    id: z.uuid(),
    enabled: z.boolean(),
    position: z.number().int().min(0).max(1000),
    allowedRoles: z.array(z.enum(ROLES)).max(ROLES.length),
    kind: z.enum(["native", "metabase"]),
    metabaseDashboardId: z.number().int().positive().max(2_147_483_647).nullable(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.kind === "metabase" && d.metabaseDashboardId === null) {
      ctx.addIssue({ code: "custom", path: ["metabaseDashboardId"], message: "a Metabase dashboard needs its dashboard id" });
    }
  });

export const dashboardConfigUpdateBody = z
  .object({ dashboards: z.array(dashboardConfigItemSchema).min(1).max(100) })
  .strict()
  .refine((b) => new Set(b.dashboards.map((d) => d.id)).size === b.dashboards.length, { message: "each dashboard once", path: ["dashboards"] });
export type DashboardConfigUpdate = z.infer<typeof dashboardConfigUpdateBody>;
