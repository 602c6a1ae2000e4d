import { z } from "zod";

/** Shared by the /api/sync routes, the OpenAPI description and the Sync panel. */
export const SYNC_RUN_STATUSES = ["queued", "running", "succeeded", "partial", "failed", "cancelled"] as const;
export const SYNC_TRIGGERS = ["manual", "schedule", "webhook"] as const;

/** No connection: every connected connection of the organization. Unknown fields are refused. */
export const triggerSyncBody = z
  .object({
    connectionId: z.uuid({ message: "Not a connection id" }).optional(),
    full: z.boolean({ message: "Send true or false" }).optional(),
  })
  .strict();

export const syncHistoryQuery = z.object({
  connectionId: z.uuid({ message: "Not a connection id" }).optional(),
  status: z.enum(SYNC_RUN_STATUSES, { message: `Choose one of: ${SYNC_RUN_STATUSES.join(", ")}` }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const syncRunParams = z.object({ id: z.uuid() });
