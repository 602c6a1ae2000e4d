"use client";

import { useMutation } from "@tanstack/react-query";
import { MailCheck } from "lucide-react";
import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";

import { FormField } from "@/components/form-field";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, api } from "@/lib/api-client";
import { passwordResetSchema } from "@/lib/auth-schemas";

import { focusFirstInvalid, zodFieldErrors, type FieldErrors } from "./field-errors";
import { formatWait } from "./format-wait";

export function ForgotPasswordForm({ mailboxHref }: { mailboxHref?: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<"email">>({});
  const [sentTo, setSentTo] = useState<string | null>(null);

  const request = useMutation({
    mutationFn: (input: { email: string }) => api.post("/api/auth/password-reset", input),
    onSuccess: (_data, input) => setSentTo(input.email),
    onError: (error) => {
      if (error instanceof ApiError && error.code === "VALIDATION_FAILED") {
        setFieldErrors(error.fieldErrors);
        focusFirstInvalid(formRef.current, error.fieldErrors);
      }
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = passwordResetSchema.safeParse({ email: new FormData(event.currentTarget).get("email") });
    if (!parsed.success) {
      const errors = zodFieldErrors<"email">(parsed.error);
      setFieldErrors(errors);
      request.reset();
      focusFirstInvalid(formRef.current, errors);
      return;
    }
    setFieldErrors({});
    request.mutate(parsed.data);
  }

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

  const error = request.error instanceof ApiError && request.error.code !== "VALIDATION_FAILED" ? request.error : null;
  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-4">
      {error ? (
        <Alert variant="destructive">
          <AlertTitle>{error.status === 429 ? "Too many requests" : "We could not send the link"}</AlertTitle>
          <AlertDescription>
            {error.status === 429 && error.retryAfterSeconds ? `Wait ${formatWait(error.retryAfterSeconds)} and try again.` : error.message}
          </AlertDescription>
        </Alert>
      ) : null}
      <FormField
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="username"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        autoFocus
        error={fieldErrors.email}
      />
      <Button type="submit" disabled={request.isPending} className="w-full">
        {request.isPending ? <Spinner label="" /> : null}
        {request.isPending ? "Sending…" : "Send reset link"}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        Remembered it?{" "}
        <Link href="/login" className="font-medium text-foreground underline-offset-4 hover:underline">
          Log in
        </Link>
      </p>
    </form>
  );
}
