"use client";

import { MailCheck } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import type { z } from "zod";

import { EmailField } from "@/components/forms/email-field";
import { FormFailure } from "@/components/forms/form-failure";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useApiForm } from "@/components/forms/use-api-form";
import { FormField } from "@/components/form-field";
import { formatWait } from "@/components/auth/format-wait";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/api-client";
import { withConfirmedPassword } from "@/lib/auth-schemas";
import { signupBody } from "@/lib/onboarding-schemas";
import type { SignupAcceptedView } from "@/lib/onboarding-views";

const schema = withConfirmedPassword(signupBody.omit({ password: true }).shape);

/** Sign-up: an account and a new organization, both created once the address is confirmed. */
export function SignupForm({ mailboxHref }: { mailboxHref?: string }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { formRef, fieldErrors, mutation, onSubmit, failure } = useApiForm({
    schema,
    fields: ["name", "email", "organizationName", "password", "confirmPassword"],
    read: (data) => ({
      name: data.get("name"),
      email: data.get("email"),
      organizationName: data.get("organizationName"),
      password: data.get("password"),
      confirmPassword: data.get("confirmPassword"),
    }),
    submit: ({ confirmPassword: _confirm, ...input }: z.output<typeof schema>) => api.post<SignupAcceptedView>("/api/auth/signup", input),
    onSuccess: (_done, input) => setSentTo(input.email),
  });

  if (sentTo) {
    // The same words whether or not the address already has an account: the page reveals nothing.
    return (
      <div className="grid gap-4">
        <Alert variant="success">
          <MailCheck aria-hidden="true" />
          <AlertTitle>Check your email</AlertTitle>
          <AlertDescription>
            <p>
              If <strong className="break-all">{sentTo}</strong> can be used, a link to confirm it is on its way. Open it to create your
              account and organization, then log in.
            </p>
          </AlertDescription>
        </Alert>
        {mailboxHref ? (
          <p className="text-xs text-muted-foreground">
            Development: outgoing email is kept in the{" "}
            <Link href={`${mailboxHref}?to=${encodeURIComponent(sentTo)}`} className="underline underline-offset-4 hover:text-foreground">
              mailbox
            </Link>
            .
          </p>
        ) : null}
        <Button variant="outline" asChild>
          <Link href="/login">Go to log in</Link>
        </Button>
      </div>
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-4" aria-label="Sign up">
      <FormFailure
        error={failure}
        title={(e) => (e.status === 429 ? "Too many sign-ups" : "We could not sign you up")}
        describe={(e) => (e.status === 429 && e.retryAfterSeconds ? `Wait ${formatWait(e.retryAfterSeconds)} and try again.` : undefined)}
      />
      <FormField id="name" name="name" label="Your name" autoComplete="name" required autoFocus error={fieldErrors.name} />
      <EmailField autoComplete="email" error={fieldErrors.email} />
      <FormField
        id="organizationName"
        name="organizationName"
        label="Organization name"
        hint="Your firm. You will be its admin and can invite your colleagues."
        autoComplete="organization"
        required
        error={fieldErrors.organizationName}
      />
      <NewPasswordFields errors={fieldErrors} label="Choose a password" confirmLabel="Confirm password" />
      <SubmitButton pending={mutation.isPending} pendingLabel="Signing up…" className="w-full">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-foreground underline-offset-4 hover:underline">
          Log in
        </Link>
      </p>
    </form>
  );
}
