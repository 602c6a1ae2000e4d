"use client";

import { useRouter } from "next/navigation";
import { z } from "zod";

import { FormFailure } from "@/components/forms/form-failure";
import { useApiForm } from "@/components/forms/use-api-form";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { api } from "@/lib/api-client";
import { newPasswordSchema } from "@/lib/auth-schemas";

const newAccount = z
  .object({ name: z.string().trim().min(1, "Enter your name").max(120), password: newPasswordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" });
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
      return api.post<{ organization: { slug: string } }>(`/api/invitations/${encodeURIComponent(token)}/accept`, body);
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
          <FormField id="password" name="password" type="password" label="Choose a password" autoComplete="new-password" hint="At least 8 characters." required error={fieldErrors.password} />
          <FormField id="confirmPassword" name="confirmPassword" type="password" label="Confirm password" autoComplete="new-password" required error={fieldErrors.confirmPassword} />
        </>
      ) : null}
      <Button type="submit" disabled={busy} className="w-full">
        {busy ? <Spinner label="" /> : null}
        {busy ? "Joining…" : mode === "new-account" ? "Create account and join" : "Accept and join"}
      </Button>
    </form>
  );
}
