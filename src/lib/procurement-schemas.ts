import { text } from "@/lib/text-schema";
import { z } from "zod";
import { PO_SORT_KEYS, PO_STATUSES, SORT_DIRECTIONS } from "./procurement-views";

/** Shared by the /api/purchase-orders and /api/quantity-surveys routes, the OpenAPI description and the pages. */
const optionalText = (max: number, message: string) =>
  text()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => (v ? v : undefined));

const page = z.coerce.number({ message: "A page number" }).int().min(1).max(10_000).default(1);
const pageSize = z.coerce.number({ message: "A page size" }).int().min(1).max(100).default(25);

export const purchaseOrderFilters = z.object({
  /** Matches PO number, supplier or description, anywhere, ignoring case. */
  q: optionalText(200, "Search with at most 200 characters"),
  status: z.enum(PO_STATUSES, { message: `Choose one of: ${PO_STATUSES.join(", ")}` }).optional(),
  sort: z.enum(PO_SORT_KEYS, { message: `Sort by one of: ${PO_SORT_KEYS.join(", ")}` }).default("utilization"),
  dir: z.enum(SORT_DIRECTIONS, { message: "Choose asc or desc" }).default("desc"),
});

export const listPurchaseOrdersQuery = purchaseOrderFilters.extend({
  page,
  pageSize,
  /** `csv` downloads every matching PO (not one page) in the list's order. */
  format: z.enum(["json", "csv"], { message: "Choose json or csv" }).default("json"),
});

export type PurchaseOrderFilters = z.output<typeof purchaseOrderFilters>;
export type ListPurchaseOrdersQuery = z.output<typeof listPurchaseOrdersQuery>;

export const purchaseOrderParams = z.object({ id: z.uuid() });

export const listQuantitySurveysQuery = z.object({
  /** Only the QSs of this PO (its number, exactly). */
  poNumber: optionalText(100, "A PO number has at most 100 characters"),
  page,
  pageSize,
});

export type ListQuantitySurveysQuery = z.output<typeof listQuantitySurveysQuery>;
