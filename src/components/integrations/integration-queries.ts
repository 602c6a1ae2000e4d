"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { AdoptedCurrencyView, DisconnectedIntegrationView, IntegrationListView } from "@/lib/integration-views";

/** Settings › Integrations' one query module: key factory and hooks over /api/integrations. */
export const integrationKeys = {
  all: (org: string) => ["integrations", org] as const,
  list: (org: string) => [...integrationKeys.all(org), "list"] as const,
};

export function useIntegrations(org: string) {
  return useQuery({
    queryKey: integrationKeys.list(org),
    queryFn: ({ signal }) => api.get<IntegrationListView>("/api/integrations", { orgId: org, signal }),
  });
}

/** Disconnecting shows the connection as disconnected at once; it comes back if the server refuses. */
export function useDisconnectIntegration(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id }: { id: string }) => api.delete<DisconnectedIntegrationView>(`/api/integrations/${id}`, { orgId: org }),
    onMutate: async ({ id }) => {
      await queryClient.cancelQueries({ queryKey: integrationKeys.list(org) });
      const before = queryClient.getQueryData<IntegrationListView>(integrationKeys.list(org));
      if (before) {
        const now = new Date().toISOString();
        queryClient.setQueryData<IntegrationListView>(integrationKeys.list(org), {
          ...before,
          items: before.items.map((item) => (item.id === id ? { ...item, status: "disconnected", disconnectedAt: now } : item)),
        });
      }
      return before;
    },
    onError: (_error, _input, before) => {
      if (before) queryClient.setQueryData(integrationKeys.list(org), before);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: integrationKeys.all(org) }),
  });
}

export function useAdoptIntegrationCurrency(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id }: { id: string }) => api.post<AdoptedCurrencyView>(`/api/integrations/${id}/currency`, undefined, { orgId: org }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: integrationKeys.all(org) }),
  });
}
