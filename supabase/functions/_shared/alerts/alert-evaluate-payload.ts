import { z } from "zod";

/**
 * More POs than this in one request are evaluated as the whole organization instead: one set-based
 * statement costs about the same either way, and the payload stays small.
 */
export const MAX_EVALUATED_PO_IDS = 10_000;

/** `poIds` absent: every open PO of the organization (and the closed ones that still have an alert). */
export const alertEvaluatePayload = z
  .object({
    orgId: z.uuid(),
    poIds: z.array(z.uuid()).min(1).max(MAX_EVALUATED_PO_IDS).optional(),
  })
  .strict();

export type AlertEvaluatePayload = z.output<typeof alertEvaluatePayload>;
