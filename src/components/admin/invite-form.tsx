"use client";

import { FormFailure } from "@/components/forms/form-failure";
import { useApiForm } from "@/components/forms/use-api-form";
import { FormField } from "@/components/form-field";
import { ROLE_LABELS } from "@/lib/role-labels";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { FieldError } from "@/components/ui/field-error";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { SubmitButton } from "@/components/forms/submit-button";
import { inviteBody } from "@/lib/admin-schemas";
import type { Role } from "@/lib/permissions";
import { useInviteMember } from "./invitation-queries";

/** Invite by email and role; `assignable` lists the roles the viewer may give (lower ranks, or any for admins). */
export function InviteForm({ org, assignable, emailHeld = false }: { org: string; assignable: readonly Role[]; emailHeld?: boolean }) {
  const invite = useInviteMember(org);
  const { formRef, fieldErrors, mutation, onSubmit, failure } = useApiForm({
    schema: inviteBody,
    fields: ["email", "role"],
    read: (data) => ({ email: data.get("email"), role: data.get("role") }),
    submit: invite.submit,
    onSuccess: invite.onSuccess,
    resetOnSuccess: true,
  });

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-4" aria-label="Invite a member">
      {mutation.isSuccess ? (
        <Alert variant="success">
          <AlertTitle>Invitation sent</AlertTitle>
          <AlertDescription>
            {emailHeld
              ? `No email leaves this server: an admin can copy the link for ${mutation.data.invitation.email} from the outbox on Settings › Users.`
              : `${mutation.data.invitation.email} will get an email with a link to join.`}
          </AlertDescription>
        </Alert>
      ) : null}
      <FormFailure error={failure} title="The invitation was not sent" />
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
        <FormField id="invite-email" name="email" type="email" label="Email" autoComplete="off" inputMode="email" required error={fieldErrors.email} />
        <div className="grid gap-2">
          <Label htmlFor="invite-role">Role</Label>
          <NativeSelect id="invite-role" name="role" defaultValue={assignable.includes("staff") ? "staff" : assignable[0]} aria-invalid={fieldErrors.role ? true : undefined}>
            {assignable.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </NativeSelect>
          <FieldError id="invite-role-error" message={fieldErrors.role} />
        </div>
        <SubmitButton pending={mutation.isPending} pendingLabel="Sending…" className="sm:mt-[1.375rem]">
          Send invitation
        </SubmitButton>
      </div>
    </form>
  );
}
