"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

import { api } from "@/lib/api-client";
import type { AssistantSettingsView, ConversationSummary } from "@/lib/assistant-views";

/** The assistant UI's one query module: key factories and hooks over /api/assistant. */
export const assistantKeys = {
  all: (org: string) => ["assistant", org] as const,
  conversations: (org: string) => [...assistantKeys.all(org), "conversations"] as const,
};

export function useConversations(org: string) {
  return useQuery({
    queryKey: assistantKeys.conversations(org),
    queryFn: ({ signal }) => api.get<{ conversations: ConversationSummary[] }>("/api/assistant/conversations", { orgId: org, signal }),
  });
}

/** A question asked or a conversation deleted changes the list on the side. */
export function useRefreshConversations(org: string) {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: assistantKeys.conversations(org) }), [queryClient, org]);
}

export function useSaveAssistantSettings(org: string) {
  return useMutation({
    mutationFn: (modelEnabled: boolean) => api.patch<AssistantSettingsView>("/api/assistant/settings", { modelEnabled }, { orgId: org }),
  });
}
