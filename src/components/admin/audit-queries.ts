"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { AuditPageView } from "@/lib/audit-views";

/** The audit log's one query module: key factory and hook over /api/audit. */
export interface AuditFilters {
  actor: string;
  action: string;
  from: string;
  to: string;
}

/** The filters as the query string of the list and of the CSV export (empty ones left out). */
export function auditSearchParams(filters: AuditFilters): URLSearchParams {
  return new URLSearchParams(Object.entries(filters).filter(([, value]) => value));
}

export const auditKeys = {
  all: (org: string) => ["audit", org] as const,
  page: (org: string, filters: AuditFilters, page: number, pageSize: number) => [...auditKeys.all(org), "page", filters, page, pageSize] as const,
};

export function useAuditEvents(org: string, filters: AuditFilters, page: number, pageSize: number) {
  const params = auditSearchParams(filters);
  params.set("page", String(page));
  params.set("pageSize", String(pageSize));
  return useQuery({
    queryKey: auditKeys.page(org, filters, page, pageSize),
    queryFn: ({ signal }) => api.get<AuditPageView>(`/api/audit?${params}`, { orgId: org, signal }),
    placeholderData: keepPreviousData,
  });
}
