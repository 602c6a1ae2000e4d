"use client";

import { useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { OrgOutboxView } from "@/lib/outbox-views";

/** The organization's outbox (Settings › Users): key factory and hook over /api/email/outbox. */
export const outboxKeys = {
  all: (org: string) => ["outbox", org] as const,
};

export function useOrgOutbox(org: string) {
  return useQuery({
    queryKey: outboxKeys.all(org),
    queryFn: ({ signal }) => api.get<OrgOutboxView>("/api/email/outbox", { orgId: org, signal }),
  });
}
