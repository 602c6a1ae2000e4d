"use client";

import { ROLE_LABELS } from "@/lib/role-labels";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { useFormat } from "@/components/format-provider";
import type { InvitationView } from "@/lib/invitation-views";
import { useInvitations, useResendInvitation, useRevokeInvitation } from "./invitation-queries";

export function InvitationsList({ org, canManage }: { org: string; canManage: boolean }) {
  const toast = useToast();
  const format = useFormat();
  const invitations = useInvitations(org);
  const resend = useResendInvitation(org);
  const revoke = useRevokeInvitation(org);
  const busy = (id: string) => (resend.isPending && resend.variables?.id === id) || (revoke.isPending && revoke.variables?.id === id);

  const onResend = (inv: InvitationView) =>
    resend.mutate(
      { id: inv.id },
      {
        onSuccess: () => toast({ title: `Invitation sent again to ${inv.email}`, description: "The earlier link no longer works." }),
        onError: (error) => toast({ variant: "error", title: `The invitation to ${inv.email} was not sent`, description: error.message }),
      },
    );
  const onRevoke = (inv: InvitationView) =>
    revoke.mutate(
      { id: inv.id },
      {
        onSuccess: () => toast({ title: `Invitation to ${inv.email} revoked` }),
        onError: (error) => toast({ variant: "error", title: `The invitation to ${inv.email} was not revoked`, description: error.message }),
      },
    );

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
    <ul className="divide-y rounded-md border" aria-label="Pending invitations">
      {invitations.data.items.map((inv) => (
        <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm" data-testid="invitation-row">
          <div className="grid">
            <span className="break-all font-medium">{inv.email}</span>
            <span className="text-muted-foreground">
              {ROLE_LABELS[inv.role]} · {inv.state === "expired" ? "expired" : `expires ${format.date(inv.expiresAt)}`}
              {inv.sentCount > 1 ? ` · sent ${inv.sentCount} times` : ""}
            </span>
          </div>
          <div className="flex items-center gap-2">
            {inv.state === "expired" ? <Badge variant="warning">Expired</Badge> : <Badge variant="secondary">Pending</Badge>}
            {canManage ? (
              <>
                <Button size="sm" variant="outline" disabled={busy(inv.id)} aria-busy={resend.isPending && resend.variables?.id === inv.id} onClick={() => onResend(inv)}>
                  Resend<span className="sr-only"> to {inv.email}</span>
                </Button>
                <ConfirmDialog
                  trigger={
                    <Button size="sm" variant="ghost" disabled={busy(inv.id)}>
                      Revoke<span className="sr-only"> the invitation of {inv.email}</span>
                    </Button>
                  }
                  title={`Revoke the invitation to ${inv.email}?`}
                  description="Its link stops working at once. You can invite them again later."
                  confirmLabel="Revoke invitation"
                  onConfirm={() => onRevoke(inv)}
                />
              </>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
