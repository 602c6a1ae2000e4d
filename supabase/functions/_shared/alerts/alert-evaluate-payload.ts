import { z } from "zod";

/**
 * More POs than this in one request are evaluated as the whole organization instead: one set-based
 * statement costs about the same either way, and the payload stays well inside the jobs table's
 * 64 KB limit (1,000 ids are about 39 KB; an import of 10,000 POs once overflowed it).
 */
export const MAX_EVALUATED_PO_IDS = 1_000;

/** `poIds` absent: every open PO of the organization (and the closed ones that still have an alert). */
export const alertEvaluatePayload = z
  .object({
    orgId: z.uuid(),
    poIds: z.array(z.uuid()).min(1).max(MAX_EVALUATED_PO_IDS).optional(),
  })
  .strict();

export type AlertEvaluatePayload = z.output<typeof alertEvaluatePayload>;
