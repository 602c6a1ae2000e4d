"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { MemberChange, MemberPageView, MemberStatus, MemberView } from "@/lib/member-views";
import type { Role } from "@/lib/permissions";

/** The members UI's one query module: key factories and hooks over /api/users. */
export interface MemberFilters {
  search: string;
  role: Role | "";
  status: MemberStatus | "";
  page: number;
  pageSize: number;
}

export const memberKeys = {
  all: (org: string) => ["members", org] as const,
  lists: (org: string) => [...memberKeys.all(org), "list"] as const,
  list: (org: string, filters: MemberFilters) => [...memberKeys.lists(org), filters] as const,
};

function searchOf(filters: MemberFilters): URLSearchParams {
  const params = new URLSearchParams({ page: String(filters.page), pageSize: String(filters.pageSize) });
  if (filters.search.trim()) params.set("search", filters.search.trim());
  if (filters.role) params.set("role", filters.role);
  if (filters.status) params.set("status", filters.status);
  return params;
}

export function useMembers(org: string, filters: MemberFilters) {
  return useQuery({
    queryKey: memberKeys.list(org, filters),
    queryFn: ({ signal }) => api.get<MemberPageView>(`/api/users?${searchOf(filters)}`, { orgId: org, signal }),
    placeholderData: keepPreviousData,
  });
}

type Snapshot = Array<[QueryKey, MemberPageView | undefined]>;

/**
 * Writes `edit` into every cached page at once (the change shows before the server answers) and
 * returns what was there, for the rollback when the server refuses.
 */
function useOptimisticPages(org: string) {
  const queryClient = useQueryClient();
  return {
    async apply(edit: (page: MemberPageView) => MemberPageView): Promise<Snapshot> {
      await queryClient.cancelQueries({ queryKey: memberKeys.lists(org) });
      const snapshot = queryClient.getQueriesData<MemberPageView>({ queryKey: memberKeys.lists(org) });
      queryClient.setQueriesData<MemberPageView>({ queryKey: memberKeys.lists(org) }, (page) => (page ? edit(page) : page));
      return snapshot;
    },
    rollback(snapshot: Snapshot | undefined) {
      for (const [key, page] of snapshot ?? []) queryClient.setQueryData(key, page);
    },
    settle: () => queryClient.invalidateQueries({ queryKey: memberKeys.all(org) }),
  };
}

/** A role or status change, shown at once and rolled back if the database refuses it. */
export function useUpdateMember(org: string) {
  const pages = useOptimisticPages(org);
  return useMutation({
    mutationFn: ({ userId, change }: { userId: string; change: MemberChange }) => api.patch<MemberView>(`/api/users/${userId}`, change, { orgId: org }),
    onMutate: ({ userId, change }) =>
      pages.apply((page) => ({ ...page, items: page.items.map((m) => (m.userId === userId ? { ...m, ...change } : m)) })),
    onError: (_error, _input, snapshot) => pages.rollback(snapshot),
    onSettled: () => pages.settle(),
  });
}

/** Removal: the row leaves at once and comes back if the database refuses (the last admin, a higher rank). */
export function useRemoveMember(org: string) {
  const pages = useOptimisticPages(org);
  return useMutation({
    mutationFn: ({ userId }: { userId: string }) => api.delete(`/api/users/${userId}`, { orgId: org }),
    onMutate: ({ userId }) =>
      pages.apply((page) => {
        const items = page.items.filter((m) => m.userId !== userId);
        return { ...page, items, total: page.total - (page.items.length - items.length) };
      }),
    onError: (_error, _input, snapshot) => pages.rollback(snapshot),
    onSettled: () => pages.settle(),
  });
}

/** Resets a member's two-factor sign-in (rank rules; audited): they enroll again at their next sign-in. */
export function useResetMemberMfa(org: string) {
  return useMutation({
    mutationFn: ({ userId }: { userId: string }) => api.post<null>(`/api/users/${userId}/mfa/reset`, undefined, { orgId: org }),
  });
}
