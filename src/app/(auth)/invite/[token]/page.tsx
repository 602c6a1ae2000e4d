import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { AcceptInvitationForm } from "@/components/admin/accept-invitation-form";
import { LogoutButton } from "@/components/auth/logout-button";
import { ROLE_LABELS } from "@/lib/role-labels";
import { InvitationMessage as Message } from "@/components/auth/invitation-message";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getClaims } from "@/server/auth/current-user";
import { AppError } from "@/server/http/app-error";
import { lookupInvitation } from "@/server/invitations/lookup-invitation";
import type { PublicInvitationView } from "@/lib/invitation-views";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Invitation", robots: { index: false } };

const CLOSED: Record<Exclude<PublicInvitationView["state"], "pending">, { title: string; body: string }> = {
  expired: { title: "This invitation has expired", body: "Ask the person who invited you to send a new one." },
  revoked: { title: "This invitation was revoked", body: "It can no longer be used. Ask an admin of the organization if you still need access." },
  accepted: { title: "This invitation was already used", body: "If it was you, log in to continue." },
};

/** The page behind the link in the invitation email. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let invitation: PublicInvitationView;
  try {
    invitation = await lookupInvitation(token);
  } catch (error) {
    // No such invitation: a 404, with this segment's not-found page saying what to do.
    if (error instanceof AppError && error.code === "INVALID_TOKEN") notFound();
    throw error;
  }
  if (invitation.state !== "pending") return <Message {...CLOSED[invitation.state]} />;

  const claims = await getClaims();
  const role = ROLE_LABELS[invitation.role];
  const invitedLine = `You are invited to ${invitation.orgName} as ${role}.`;
  if (claims && claims.email.toLowerCase() !== invitation.email) {
    return (
      <Message title="This invitation is for another address" body={`You are logged in as ${claims.email}, but the invitation was sent to ${invitation.email}. Log out, then open the link again.`}>
        <LogoutButton />
      </Message>
    );
  }
  if (!claims && invitation.accountExists) {
    return (
      <Message title={`Join ${invitation.orgName}`} body={`${invitedLine} ${invitation.email} already has an account: log in to accept.`}>
        <Button asChild>
          <Link href={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}>Log in to accept</Link>
        </Button>
      </Message>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1 className="text-xl">Join {invitation.orgName}</h1>
        </CardTitle>
        <CardDescription>
          {invitedLine} {claims ? "" : <>Create your account for <strong className="break-all">{invitation.email}</strong>.</>}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <AcceptInvitationForm token={token} mode={claims ? "signed-in" : "new-account"} />
      </CardContent>
    </Card>
  );
}
