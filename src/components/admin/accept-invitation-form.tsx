"use client";

import { useRouter } from "next/navigation";
import { z } from "zod";

import { FormFailure } from "@/components/forms/form-failure";
import { useApiForm } from "@/components/forms/use-api-form";
import { FormField } from "@/components/form-field";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { api } from "@/lib/api-client";
import { withConfirmedPassword } from "@/lib/auth-schemas";
import type { AcceptedInvitationView } from "@/lib/invitation-views";
import { text } from "@/lib/text-schema";

const newAccount = withConfirmedPassword({ name: text().trim().min(1, "Enter your name").max(120) });
const signedIn = z.object({});

/**
 * Signed out: choose a name and password (the account is created and signed in). Signed in as the
 * invited address: one button. Either way the invitee lands in the organization.
 */
export function AcceptInvitationForm({ token, mode }: { token: string; mode: "new-account" | "signed-in" }) {
  const router = useRouter();
  const { formRef, fieldErrors, mutation, onSubmit, failure } = useApiForm({
    schema: mode === "new-account" ? newAccount : signedIn,
    fields: ["name", "password"],
    read: (data) => (mode === "new-account" ? { name: data.get("name"), password: data.get("password"), confirmPassword: data.get("confirmPassword") } : {}),
    submit: (values) => {
      const body = "password" in values ? { name: values.name, password: values.password } : {};
      return api.post<AcceptedInvitationView>(`/api/invitations/${encodeURIComponent(token)}/accept`, body);
    },
    onSuccess: (result) => {
      router.replace(`/${result.organization.slug}`);
      router.refresh();
    },
  });
  const busy = mutation.isPending || mutation.isSuccess;

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-4">
      <FormFailure error={failure} title="You have not joined yet" />
      {mode === "new-account" ? (
        <>
          <FormField id="name" name="name" label="Your name" autoComplete="name" required autoFocus error={fieldErrors.name} />
          <NewPasswordFields errors={fieldErrors} label="Choose a password" confirmLabel="Confirm password" />
        </>
      ) : null}
      <SubmitButton pending={busy} pendingLabel="Joining…" className="w-full">
        {mode === "new-account" ? "Create account and join" : "Accept and join"}
      </SubmitButton>
    </form>
  );
}
