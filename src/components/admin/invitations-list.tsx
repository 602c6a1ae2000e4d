"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { outboxQueryKey } from "@/components/admin/outbox-panel";
import { ROLE_LABELS } from "@/lib/role-labels";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError, api } from "@/lib/api-client";
import type { Role } from "@/lib/permissions";
import { formatDate } from "@/lib/format-date";

interface Invitation {
  id: string;
  email: string;
  role: Role;
  state: "pending" | "expired" | "revoked" | "accepted";
  expiresAt: string;
  sentCount: number;
}


export function InvitationsList({ org, canManage }: { org: string; canManage: boolean }) {
  const queryClient = useQueryClient();
  const invitations = useQuery({
    queryKey: ["invitations", org],
    queryFn: ({ signal }) => api.get<{ items: Invitation[] }>("/api/invitations", { orgId: org, signal }),
  });
  const act = useMutation({
    mutationFn: (input: { id: string; action: "resend" | "revoke" }) =>
      input.action === "resend" ? api.post(`/api/invitations/${input.id}/resend`, undefined, { orgId: org }) : api.delete(`/api/invitations/${input.id}`, { orgId: org }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ["invitations", org] });
      void queryClient.invalidateQueries({ queryKey: outboxQueryKey(org) });
    },
  });
  const error = act.error instanceof ApiError ? act.error : null;

  if (invitations.isPending) return <Skeleton className="h-16 w-full" />;
  if (invitations.isError) {
    return (
      <Alert variant="destructive">
        <AlertTitle>Invitations could not be loaded</AlertTitle>
        <AlertDescription>{invitations.error.message}</AlertDescription>
      </Alert>
    );
  }
  if (invitations.data.items.length === 0) return <p className="text-sm text-muted-foreground">No pending invitations.</p>;
  return (
    <div className="grid gap-3">
      {error ? (
        <Alert variant="destructive">
          <AlertTitle>That did not work</AlertTitle>
          <AlertDescription>{error.message}</AlertDescription>
        </Alert>
      ) : null}
      <ul className="divide-y rounded-md border" aria-label="Pending invitations">
        {invitations.data.items.map((inv) => (
          <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm" data-testid="invitation-row">
            <div className="grid">
              <span className="break-all font-medium">{inv.email}</span>
              <span className="text-muted-foreground">
                {ROLE_LABELS[inv.role]} · {inv.state === "expired" ? "expired" : `expires ${formatDate(inv.expiresAt)}`}
                {inv.sentCount > 1 ? ` · sent ${inv.sentCount} times` : ""}
              </span>
            </div>
            <div className="flex items-center gap-2">
              {inv.state === "expired" ? <Badge variant="warning">Expired</Badge> : <Badge variant="secondary">Pending</Badge>}
              {canManage ? (
                <>
                  <Button size="sm" variant="outline" disabled={act.isPending} onClick={() => act.mutate({ id: inv.id, action: "resend" })}>
                    Resend<span className="sr-only"> to {inv.email}</span>
                  </Button>
                  <Button size="sm" variant="ghost" disabled={act.isPending} onClick={() => act.mutate({ id: inv.id, action: "revoke" })}>
                    Revoke<span className="sr-only"> the invitation of {inv.email}</span>
                  </Button>
                </>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
