import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

import { procurementKeys } from "@/components/procurement/procurement-queries";
import { useToast } from "@/components/ui/toaster";
import { api } from "@/lib/api-client";
import type { ImportDetailView, ImportListView, ImportStatus, ImportType, ImportView } from "@/lib/import-views";

/**
 * The imports resource on the client: key factories, the history and one import (polled while a
 * job works on it), and the actions of the wizard. Every action refreshes the import and the
 * history; one that changes POs or QSs (a finished or undone import) refreshes those lists too.
 */
export const importKeys = {
  all: (org: string) => ["imports", org] as const,
  lists: (org: string) => [...importKeys.all(org), "list"] as const,
  list: (org: string, page: number, pageSize: number) => [...importKeys.lists(org), page, pageSize] as const,
  /** Every preview of one import (all rows, errors only). */
  import: (org: string, id: string) => [...importKeys.all(org), "detail", id] as const,
  detail: (org: string, id: string, errorsOnly: boolean) => [...importKeys.import(org, id), errorsOnly] as const,
};

/** Statuses a job is still working on: the wizard polls the import while it is in one. */
export const LIVE_IMPORT_STATUSES: readonly ImportStatus[] = ["validating", "processing", "reverting"];
const LIVE_POLL_MS = 1_000;

export function useImports(org: string, page: number, pageSize = 10, live = false) {
  return useQuery({
    queryKey: importKeys.list(org, page, pageSize),
    queryFn: ({ signal }) => api.get<ImportListView>(`/api/imports?page=${page}&pageSize=${pageSize}`, { orgId: org, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: live ? 3_000 : false,
  });
}

export function useImport(org: string, id: string | null, errorsOnly: boolean) {
  return useQuery({
    queryKey: importKeys.detail(org, id ?? "", errorsOnly),
    queryFn: ({ signal }) => api.get<ImportDetailView>(`/api/imports/${id}?errorsOnly=${errorsOnly}`, { orgId: org, signal }),
    enabled: Boolean(id),
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data && LIVE_IMPORT_STATUSES.includes(query.state.data.status) ? LIVE_POLL_MS : false),
  });
}

interface JobAccepted {
  import: ImportView;
  jobId: string;
  created: boolean;
}

export function useImportActions(org: string) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const failed = (title: string) => (error: Error) => toast({ title, description: error.message, variant: "error" });
  const refresh = (id?: string) => {
    void queryClient.invalidateQueries({ queryKey: importKeys.all(org) });
    if (id) void queryClient.invalidateQueries({ queryKey: importKeys.import(org, id) });
  };
  const upload = useMutation({
    mutationFn: ({ file, type }: { file: File; type: ImportType }) => {
      const form = new FormData();
      form.set("type", type);
      form.set("file", file, file.name);
      return api.post<ImportView>("/api/imports", form, { orgId: org });
    },
    onSuccess: (view) => {
      refresh();
      toast({ title: "File uploaded", description: `${view.fileName} is being checked.` });
    },
  });
  const update = useMutation({
    mutationFn: ({ id, ...patch }: { id: string; sheet?: string; mapping?: Record<string, number | null> }) => api.patch<ImportView>(`/api/imports/${id}`, patch, { orgId: org }),
    onSuccess: (view) => refresh(view.id),
  });
  const confirm = useMutation({
    mutationFn: (id: string) => api.post<JobAccepted>(`/api/imports/${id}/confirm`, undefined, { orgId: org }),
    onSuccess: ({ import: view }) => {
      refresh(view.id);
      toast({ title: "Import started", description: `${view.fileName} is being applied.` });
    },
  });
  const revert = useMutation({
    mutationFn: (id: string) => api.post<JobAccepted>(`/api/imports/${id}/revert`, undefined, { orgId: org }),
    onSuccess: ({ import: view }) => {
      refresh(view.id);
      toast({ title: "Undoing the import", description: `${view.fileName} is being undone.` });
    },
    onError: failed("The import could not be undone"),
  });
  /** After an import finished or was undone: the PO and QS lists have changed. */
  const procurementChanged = useCallback(() => void queryClient.invalidateQueries({ queryKey: procurementKeys.all(org) }), [queryClient, org]);
  const historyChanged = useCallback(() => void queryClient.invalidateQueries({ queryKey: importKeys.lists(org) }), [queryClient, org]);
  return { upload, update, confirm, revert, procurementChanged, historyChanged };
}
