import { text } from "@/lib/text-schema";
import { z } from "zod";
import { ALERT_STATUSES } from "./alert-views";
import { UTILIZATION_LEVELS } from "./procurement-views";

/** Shared by the /api/alerts routes, the OpenAPI description and the alerts UI. */

/** `active`: open or acknowledged (everything not resolved yet). */
export const ALERT_STATUS_FILTERS = [...ALERT_STATUSES, "active"] as const;
export type AlertStatusFilter = (typeof ALERT_STATUS_FILTERS)[number];

export const listAlertsQuery = z.object({
  level: z.enum(UTILIZATION_LEVELS, { message: `Choose one of: ${UTILIZATION_LEVELS.join(", ")}` }).optional(),
  status: z.enum(ALERT_STATUS_FILTERS, { message: `Choose one of: ${ALERT_STATUS_FILTERS.join(", ")}` }).optional(),
  /** One PO's alerts, current and past (the PO page). */
  poId: z.uuid({ message: "Not a purchase order id" }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const alertParams = z.object({ id: z.uuid() });

/** An empty note is no note. */
const note = text({ message: "Send the note as text" }).trim().max(1000, "Use at most 1000 characters").optional();

export const acknowledgeAlertBody = z.object({ note }).strict();

export const bulkAcknowledgeBody = z
  .object({
    ids: z
      .array(z.uuid({ message: "Not an alert id" }), { message: "Send the alert ids as a list" })
      .min(1, "Choose at least one alert")
      .max(200, "Acknowledge at most 200 alerts at once"),
    note,
  })
  .strict();

export const alertEmailPreferenceBody = z.object({ alertEmails: z.boolean({ message: "Send true or false" }) }).strict();
