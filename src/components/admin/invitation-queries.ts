"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { InvitationListView, SentInvitationView } from "@/lib/invitation-views";
import type { Role } from "@/lib/permissions";
import { outboxKeys } from "./outbox-queries";

/** The invitations UI's one query module: key factories and hooks over /api/invitations and /api/users/invite. */
export const invitationKeys = {
  all: (org: string) => ["invitations", org] as const,
  list: (org: string) => [...invitationKeys.all(org), "list"] as const,
};

export function useInvitations(org: string) {
  return useQuery({
    queryKey: invitationKeys.list(org),
    queryFn: ({ signal }) => api.get<InvitationListView>("/api/invitations", { orgId: org, signal }),
  });
}

/** Sending (or resending) writes an email: the outbox panel refreshes with the invitations. */
function useInvalidateInvitations(org: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: invitationKeys.all(org) }), queryClient.invalidateQueries({ queryKey: outboxKeys.all(org) })]);
}

export function useInviteMember(org: string) {
  const invalidate = useInvalidateInvitations(org);
  return {
    submit: (input: { email: string; role: Role }) => api.post<SentInvitationView>("/api/users/invite", input, { orgId: org }),
    onSuccess: () => void invalidate(),
  };
}

export function useResendInvitation(org: string) {
  const invalidate = useInvalidateInvitations(org);
  return useMutation({
    mutationFn: ({ id }: { id: string }) => api.post<SentInvitationView>(`/api/invitations/${id}/resend`, undefined, { orgId: org }),
    onSettled: () => invalidate(),
  });
}

/** Revoking: the invitation leaves the list at once and comes back if the server refuses. */
export function useRevokeInvitation(org: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateInvitations(org);
  return useMutation({
    mutationFn: ({ id }: { id: string }) => api.delete(`/api/invitations/${id}`, { orgId: org }),
    onMutate: async ({ id }) => {
      await queryClient.cancelQueries({ queryKey: invitationKeys.list(org) });
      const before = queryClient.getQueryData<InvitationListView>(invitationKeys.list(org));
      if (before) queryClient.setQueryData<InvitationListView>(invitationKeys.list(org), { items: before.items.filter((i) => i.id !== id) });
      return before;
    },
    onError: (_error, _input, before) => {
      if (before) queryClient.setQueryData(invitationKeys.list(org), before);
    },
    onSettled: () => invalidate(),
  });
}
