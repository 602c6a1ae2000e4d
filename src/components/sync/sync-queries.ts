"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

import { api } from "@/lib/api-client";
import type { SyncHealthView, SyncHistoryPage, SyncStatusView, TriggeredSyncRun } from "@/lib/sync-views";

/** The sync page's one query module: key factories and hooks over /api/sync. */
export interface SyncHistoryFilters {
  connectionId: string;
  status: string;
  page: number;
  pageSize: number;
}

export const syncKeys = {
  all: (org: string) => ["sync", org] as const,
  status: (org: string) => [...syncKeys.all(org), "status"] as const,
  health: (org: string) => [...syncKeys.all(org), "health"] as const,
  histories: (org: string) => [...syncKeys.all(org), "history"] as const,
  history: (org: string, filters: SyncHistoryFilters) => [...syncKeys.histories(org), filters] as const,
};

/** While a sync is queued or running the panel polls every second; otherwise it only keeps fresh. */
const LIVE_POLL_MS = 1_000;
const IDLE_POLL_MS = 15_000;

export const hasActiveRun = (data: SyncStatusView | undefined) => Boolean(data?.connections.some((c) => c.activeRun));

export function useSyncStatus(org: string) {
  return useQuery({
    queryKey: syncKeys.status(org),
    queryFn: ({ signal }) => api.get<SyncStatusView>("/api/sync/status", { orgId: org, signal }),
    refetchInterval: (query) => (hasActiveRun(query.state.data) ? LIVE_POLL_MS : IDLE_POLL_MS),
  });
}

export function useSyncHealth(org: string, live: boolean) {
  return useQuery({
    queryKey: syncKeys.health(org),
    queryFn: ({ signal }) => api.get<SyncHealthView>("/api/sync/health", { orgId: org, signal }),
    refetchInterval: live ? 5_000 : 30_000,
  });
}

export function useSyncHistory(org: string, filters: SyncHistoryFilters, live: boolean) {
  const params = new URLSearchParams(Object.entries({ connectionId: filters.connectionId, status: filters.status }).filter(([, v]) => v));
  params.set("page", String(filters.page));
  params.set("pageSize", String(filters.pageSize));
  return useQuery({
    queryKey: syncKeys.history(org, filters),
    queryFn: ({ signal }) => api.get<SyncHistoryPage>(`/api/sync/history?${params}`, { orgId: org, signal }),
    placeholderData: keepPreviousData,
    // Rows of running syncs change while the panel watches them.
    refetchInterval: live ? 2_000 : 30_000,
  });
}

/** A finished run changes the history and the health figures. */
export function useRefreshSyncAfterRun(org: string) {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: syncKeys.histories(org) });
    void queryClient.invalidateQueries({ queryKey: syncKeys.health(org) });
  }, [queryClient, org]);
}

/** One connection's sync, or every connection's (no id); the queued runs show at once. */
export function useTriggerSync(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (connectionId: string | undefined) =>
      api.post<{ runs: TriggeredSyncRun[] }>("/api/sync/trigger", connectionId ? { connectionId } : {}, { orgId: org }),
    onSuccess: ({ runs }) => {
      // Show the queued run at once instead of waiting for the next poll.
      queryClient.setQueryData<SyncStatusView>(syncKeys.status(org), (old) =>
        old && {
          ...old,
          connections: old.connections.map((c) => {
            const started = runs.find((r) => r.connectionId === c.id);
            return started && (started.run.status === "queued" || started.run.status === "running") ? { ...c, activeRun: started.run } : c;
          }),
        },
      );
      void queryClient.invalidateQueries({ queryKey: syncKeys.status(org) });
      void queryClient.invalidateQueries({ queryKey: syncKeys.histories(org) });
    },
  });
}
