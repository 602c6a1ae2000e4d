"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { AlertStatusFilter } from "@/lib/alert-schemas";
import type { AcknowledgeAlertsResult, AlertDetailView, AlertEmailPreferenceView, AlertListPage, AlertSummaryView, AlertView } from "@/lib/alert-views";
import type { UtilizationLevel } from "@/lib/procurement-views";

/** The one query module of the alerts UI: key factories and hooks over /api/alerts. */
export interface AlertFilters {
  level?: UtilizationLevel;
  status?: AlertStatusFilter;
  poId?: string;
  page?: number;
  pageSize?: number;
}

export const alertKeys = {
  all: (org: string) => ["alerts", org] as const,
  lists: (org: string) => [...alertKeys.all(org), "list"] as const,
  list: (org: string, filters: AlertFilters) => [...alertKeys.lists(org), filters] as const,
  detail: (org: string, id: string) => [...alertKeys.all(org), "detail", id] as const,
  summary: (org: string) => [...alertKeys.all(org), "summary"] as const,
  emailPreference: (org: string) => ["alert-email-preference", org] as const,
};

/** The badge and the lists keep fresh while a page is open (evaluations run in the background). */
const REFRESH_MS = 60_000;

function searchOf(filters: AlertFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "") params.set(key, String(value));
  return params.toString();
}

export function useAlerts(org: string, filters: AlertFilters) {
  return useQuery({
    queryKey: alertKeys.list(org, filters),
    queryFn: ({ signal }) => api.get<AlertListPage>(`/api/alerts?${searchOf(filters)}`, { orgId: org, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
}

export function useAlert(org: string, id: string) {
  return useQuery({
    queryKey: alertKeys.detail(org, id),
    queryFn: ({ signal }) => api.get<AlertDetailView>(`/api/alerts/${id}`, { orgId: org, signal }),
    refetchInterval: REFRESH_MS,
  });
}

export function useAlertSummary(org: string, enabled = true) {
  return useQuery({
    queryKey: alertKeys.summary(org),
    queryFn: ({ signal }) => api.get<AlertSummaryView>("/api/alerts/summary", { orgId: org, signal }),
    enabled,
    refetchInterval: REFRESH_MS,
  });
}

/** One alert through its own route, several through the bulk route; either way every alert view refreshes. */
export function useAcknowledgeAlerts(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ ids, note }: { ids: string[]; note?: string }): Promise<AcknowledgeAlertsResult> => {
      const body = note?.trim() ? { note: note.trim() } : {};
      if (ids.length === 1) {
        const alert = await api.post<AlertView>(`/api/alerts/${ids[0]}/acknowledge`, body, { orgId: org });
        return { items: [alert], acknowledged: 1 };
      }
      return api.post<AcknowledgeAlertsResult>("/api/alerts/acknowledge", { ids, ...body }, { orgId: org });
    },
    // Optimistic: the rows read "Acknowledged" and the badge drops at once; an error puts them back.
    onMutate: async ({ ids, note }) => {
      await queryClient.cancelQueries({ queryKey: alertKeys.all(org) });
      const snapshot = queryClient.getQueriesData({ queryKey: alertKeys.all(org) });
      const now = new Date().toISOString();
      // Only alerts known to be open lower the badge (a bulk choice may include acknowledged ones).
      const wereOpen = new Set<string>();
      for (const [, data] of snapshot) {
        const items = (data as Partial<AlertListPage> | Partial<AlertView> | undefined) ?? {};
        for (const alert of "items" in items && Array.isArray(items.items) ? items.items : "id" in items ? [items as AlertView] : [])
          if (ids.includes(alert.id) && alert.status === "open") wereOpen.add(alert.id);
      }
      const acknowledge = <T extends AlertView>(alert: T): T =>
        ids.includes(alert.id) && alert.status === "open" ? { ...alert, status: "acknowledged", acknowledgedAt: now, note: note?.trim() || alert.note } : alert;
      queryClient.setQueriesData<AlertListPage>({ queryKey: alertKeys.lists(org) }, (page) => page && { ...page, items: page.items.map(acknowledge) });
      for (const id of ids) queryClient.setQueryData<AlertDetailView>(alertKeys.detail(org, id), (detail) => detail && acknowledge(detail));
      queryClient.setQueryData<AlertSummaryView>(alertKeys.summary(org), (summary) => {
        if (!summary) return summary;
        const opened = Math.min(summary.open, wereOpen.size);
        return { ...summary, open: summary.open - opened, acknowledged: summary.acknowledged + opened };
      });
      return { snapshot };
    },
    onError: (_error, _input, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.all(org) }),
  });
}

export function useAlertEmailPreference(org: string) {
  return useQuery({
    queryKey: alertKeys.emailPreference(org),
    queryFn: ({ signal }) => api.get<AlertEmailPreferenceView>("/api/me/notification-preferences", { orgId: org, signal }),
  });
}

export function useSetAlertEmailPreference(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (alertEmails: boolean) => api.put<AlertEmailPreferenceView>("/api/me/notification-preferences", { alertEmails }, { orgId: org }),
    onSuccess: (data) => queryClient.setQueryData(alertKeys.emailPreference(org), data),
  });
}
