import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { PurchaseOrderDetailView, PurchaseOrderListView, PurchaseOrderSortKey, PurchaseOrderStatus, QuantitySurveyListView, SortDirection } from "@/lib/procurement-views";

/**
 * The procurement resources on the client: one key factory and one hook per resource, so every
 * page and the import wizard (which invalidates POs after an import) name the same cache entries.
 */
export interface PurchaseOrderListFilters {
  q: string;
  status: PurchaseOrderStatus | "";
  sort: PurchaseOrderSortKey;
  dir: SortDirection;
  page: number;
  pageSize: number;
}

export const DEFAULT_PO_FILTERS: PurchaseOrderListFilters = { q: "", status: "", sort: "utilization", dir: "desc", page: 1, pageSize: 25 };

export interface QuantitySurveyListFilters {
  poNumber: string;
  page: number;
  pageSize: number;
}

export const procurementKeys = {
  all: (org: string) => ["procurement", org] as const,
  purchaseOrders: (org: string) => [...procurementKeys.all(org), "purchase-orders"] as const,
  purchaseOrderList: (org: string, filters: PurchaseOrderListFilters) => [...procurementKeys.purchaseOrders(org), "list", filters] as const,
  purchaseOrder: (org: string, id: string) => [...procurementKeys.purchaseOrders(org), "detail", id] as const,
  quantitySurveys: (org: string, filters: QuantitySurveyListFilters) => [...procurementKeys.all(org), "quantity-surveys", filters] as const,
};

/** The query string of the PO list (and its CSV export): empty filters left out. */
export function purchaseOrderSearchParams(filters: Omit<PurchaseOrderListFilters, "page" | "pageSize"> & Partial<Pick<PurchaseOrderListFilters, "page" | "pageSize">>): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.status) params.set("status", filters.status);
  params.set("sort", filters.sort);
  params.set("dir", filters.dir);
  if (filters.page !== undefined) params.set("page", String(filters.page));
  if (filters.pageSize !== undefined) params.set("pageSize", String(filters.pageSize));
  return params;
}

export function usePurchaseOrders(org: string, filters: PurchaseOrderListFilters) {
  return useQuery({
    queryKey: procurementKeys.purchaseOrderList(org, filters),
    queryFn: ({ signal }) => api.get<PurchaseOrderListView>(`/api/purchase-orders?${purchaseOrderSearchParams(filters)}`, { orgId: org, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePurchaseOrder(org: string, id: string, initialData?: PurchaseOrderDetailView) {
  return useQuery({
    queryKey: procurementKeys.purchaseOrder(org, id),
    queryFn: ({ signal }) => api.get<PurchaseOrderDetailView>(`/api/purchase-orders/${encodeURIComponent(id)}`, { orgId: org, signal }),
    initialData,
  });
}

export function useQuantitySurveys(org: string, filters: QuantitySurveyListFilters) {
  const params = new URLSearchParams({ page: String(filters.page), pageSize: String(filters.pageSize) });
  if (filters.poNumber.trim()) params.set("poNumber", filters.poNumber.trim());
  return useQuery({
    queryKey: procurementKeys.quantitySurveys(org, filters),
    queryFn: ({ signal }) => api.get<QuantitySurveyListView>(`/api/quantity-surveys?${params}`, { orgId: org, signal }),
    placeholderData: keepPreviousData,
  });
}
