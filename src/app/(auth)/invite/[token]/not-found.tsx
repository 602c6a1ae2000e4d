import { InvitationMessage } from "@/components/auth/invitation-message";

/** An invitation link that matches no invitation (mistyped, cut short, or made up): answered 404. */
export default function InvitationNotFound() {
  return <InvitationMessage title="This invitation link is not valid" body="Check that you opened the whole link from the email, or ask for a new invitation." />;
}
