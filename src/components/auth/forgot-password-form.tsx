"use client";

import { MailCheck } from "lucide-react";
import Link from "next/link";
import { useState } from "react";

import { FormFailure } from "@/components/forms/form-failure";
import { useApiForm } from "@/components/forms/use-api-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/forms/submit-button";
import { EmailField } from "@/components/forms/email-field";
import { api } from "@/lib/api-client";
import { passwordResetBody } from "@/lib/auth-schemas";

import { formatWait } from "./format-wait";

export function ForgotPasswordForm({ mailboxHref }: { mailboxHref?: string }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { formRef, fieldErrors, mutation: request, onSubmit, failure } = useApiForm({
    schema: passwordResetBody,
    fields: ["email"],
    read: (data) => ({ email: data.get("email") }),
    submit: (input) => api.post("/api/auth/password-reset", input),
    onSuccess: (_data, input) => setSentTo(input.email),
  });

  if (sentTo) {
    // The same words whether or not the address has an account: the page reveals nothing.
    return (
      <div className="grid gap-4">
        <Alert variant="success">
          <MailCheck aria-hidden="true" />
          <AlertTitle>Check your email</AlertTitle>
          <AlertDescription>
            <p>
              If an account uses <strong className="break-all">{sentTo}</strong>, a link to choose a new password is on its way. It works
              for a limited time.
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
          <Link href="/login">Back to log in</Link>
        </Button>
      </div>
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-4">
      <FormFailure
        error={failure}
        title={(e) => (e.status === 429 ? "Too many requests" : "We could not send the link")}
        describe={(e) => (e.status === 429 && e.retryAfterSeconds ? `Wait ${formatWait(e.retryAfterSeconds)} and try again.` : e.message)}
      />
      <EmailField autoFocus error={fieldErrors.email} />
      <SubmitButton pending={request.isPending} pendingLabel="Sending…" className="w-full">
        Send reset link
      </SubmitButton>
      <p className="text-center text-sm text-muted-foreground">
        Remembered it?{" "}
        <Link href="/login" className="font-medium text-foreground underline-offset-4 hover:underline">
          Log in
        </Link>
      </p>
    </form>
  );
}
