"use client";

import { useRouter } from "next/navigation";
import { z } from "zod";

import { EmailField } from "@/components/forms/email-field";
import { FormFailure } from "@/components/forms/form-failure";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useApiForm } from "@/components/forms/use-api-form";
import { FormField } from "@/components/form-field";
import { OrganizationFields } from "@/components/orgs/organization-fields";
import { slugConflict } from "@/components/orgs/slug-conflict";
import { api } from "@/lib/api-client";
import { withConfirmedPassword } from "@/lib/auth-schemas";
import { setupBody } from "@/lib/onboarding-schemas";
import type { SetupCompletedView } from "@/lib/onboarding-views";

const schema = withConfirmedPassword(setupBody.omit({ password: true }).shape);
const FIELDS = ["token", "organizationName", "slug", "timezone", "currency", "name", "email", "password", "confirmPassword"] as const;

/** The first organization and its admin; the admin is signed in and lands in the organization. */
export function SetupForm({ token }: { token?: string }) {
  const router = useRouter();
  const { formRef, fieldErrors, mutation, onSubmit, failure } = useApiForm({
    schema,
    fields: FIELDS,
    read: (data) => Object.fromEntries(FIELDS.map((f) => [f, data.get(f) ?? undefined])),
    submit: ({ confirmPassword: _confirm, ...input }: z.output<typeof schema>) => api.post<SetupCompletedView>("/api/setup", input),
    onSuccess: (done) => {
      router.replace(`/${done.organization.slug}`);
      router.refresh();
    },
  });
  const suggestion = slugConflict(failure);
  const busy = mutation.isPending || mutation.isSuccess;

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-4" aria-label="First-run setup">
      <FormFailure error={suggestion ? null : failure} title="Setup did not finish" />
      <FormField
        id="token"
        name="token"
        label="Setup token"
        hint="From the setup link printed in the server log at start, or the setup token the server was configured with."
        defaultValue={token}
        autoComplete="off"
        spellCheck={false}
        required
        error={fieldErrors.token}
      />
      <fieldset className="grid gap-4">
        <legend className="mb-1 text-sm font-semibold">Your organization</legend>
        <OrganizationFields errors={fieldErrors} nameField="organizationName" suggestion={suggestion} slugTakenMessage={suggestion ? failure?.message : null} autoFocus={Boolean(token)} />
      </fieldset>
      <fieldset className="grid gap-4">
        <legend className="mb-1 text-sm font-semibold">You, its first admin</legend>
        <FormField id="name" name="name" label="Your name" autoComplete="name" required error={fieldErrors.name} />
        <EmailField autoComplete="email" error={fieldErrors.email} />
        <NewPasswordFields errors={fieldErrors} label="Password" confirmLabel="Confirm password" />
      </fieldset>
      <SubmitButton pending={busy} pendingLabel="Creating…" className="w-full">
        Create organization and admin
      </SubmitButton>
    </form>
  );
}
