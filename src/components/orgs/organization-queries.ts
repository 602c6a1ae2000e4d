"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { DeletedOrganizationView, OrganizationView } from "@/lib/organization-views";

/** The organizations UI's one query module: key factories and hooks over /api/organizations. */
export const organizationKeys = {
  all: () => ["organizations"] as const,
  deleted: () => [...organizationKeys.all(), "deleted"] as const,
};

export function useDeletedOrganizations() {
  return useQuery({
    queryKey: organizationKeys.deleted(),
    queryFn: () => api.get<{ items: DeletedOrganizationView[] }>("/api/organizations/deleted"),
  });
}

export function useRestoreOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<OrganizationView>(`/api/organizations/${id}/restore`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.deleted() }),
  });
}
