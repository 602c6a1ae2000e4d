"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, apiFetch } from "@/lib/api-client";
import type { DashboardConfigItem, DashboardConfigView, DashboardDataResponse, DashboardEmbedView, DashboardFilterOptionsView } from "@/lib/dashboard-views";

/** The dashboards UI's one query module: key factories and hooks over /api/dashboards. */
export const dashboardKeys = {
  all: (org: string) => ["dashboards", org] as const,
  config: (org: string) => [...dashboardKeys.all(org), "config"] as const,
  /** `search`: the range and filters of the URL, as a query string. */
  data: (org: string, dashboardId: string, search: string) => [...dashboardKeys.all(org), "data", dashboardId, search] as const,
  embed: (org: string, dashboardId: string) => [...dashboardKeys.all(org), "embed", dashboardId] as const,
  filterOptions: (org: string, dashboardId: string, filter: string, q: string) => [...dashboardKeys.all(org), "filter-options", dashboardId, filter, q] as const,
};

/** A filter's choices matching `q`, searched on the server (none while `q` is empty). */
export function useDashboardFilterOptions(org: string, dashboardId: string, filter: string, q: string) {
  return useQuery({
    queryKey: dashboardKeys.filterOptions(org, dashboardId, filter, q),
    queryFn: ({ signal }) => api.get<DashboardFilterOptionsView>(`/api/dashboards/${dashboardId}/filter-options?${new URLSearchParams({ filter, q })}`, { orgId: org, signal }),
    enabled: q !== "",
    staleTime: 60_000,
    // While the next search is on its way the last matches stay listed (marked "Searching…"), so
    // Enter pressed in between chooses what is shown rather than finding an empty list.
    placeholderData: (previous) => previous,
  });
}

export function useDashboardData(org: string, dashboardId: string, search: string) {
  return useQuery({
    queryKey: dashboardKeys.data(org, dashboardId, search),
    queryFn: ({ signal }) => api.get<DashboardDataResponse>(`/api/dashboards/${dashboardId}/data${search ? `?${search}` : ""}`, { orgId: org, signal }),
    placeholderData: (previous) => previous,
  });
}

/** A signed URL (never the secret), renewed before its token expires. */
export function useDashboardEmbed(org: string, dashboardId: string) {
  return useQuery({
    queryKey: dashboardKeys.embed(org, dashboardId),
    queryFn: () => api.post<DashboardEmbedView>(`/api/dashboards/${dashboardId}/embed`, undefined, { orgId: org }),
    refetchInterval: 8 * 60 * 1000,
    refetchOnWindowFocus: false,
  });
}

export function useDashboardConfig(org: string) {
  return useQuery({
    queryKey: dashboardKeys.config(org),
    queryFn: () => api.get<DashboardConfigView>("/api/dashboards/config", { orgId: org }),
  });
}

/** Saves every dashboard's settings together, in the order given. */
export function useSaveDashboardConfig(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dashboards: DashboardConfigItem[]) =>
      apiFetch<DashboardConfigView>("/api/dashboards/config", {
        method: "PUT",
        orgId: org,
        body: {
          dashboards: dashboards.map((d, i) => ({
            id: d.id,
            enabled: d.enabled,
            position: i,
            allowedRoles: d.allowedRoles,
            kind: d.kind,
            metabaseDashboardId: d.kind === "metabase" ? d.metabaseDashboardId : null,
          })),
        },
      }),
    onSuccess: (saved) => queryClient.setQueryData(dashboardKeys.config(org), saved),
  });
}
