"use client";

import { useMutation } from "@tanstack/react-query";
import { CircleCheck } from "lucide-react";
import Link from "next/link";

import { FormFailure } from "@/components/forms/form-failure";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { api, ApiError } from "@/lib/api-client";
import type { EmailVerifiedView } from "@/lib/onboarding-views";

/**
 * A button rather than confirming on load: mail scanners open links, and a single-use link opened
 * by a scanner would be spent before its owner sees it.
 */
export function VerifyEmailForm({ token }: { token: string }) {
  const mutation = useMutation({
    mutationFn: () => api.post<EmailVerifiedView>("/api/auth/verify-email", { token }),
  });

  if (mutation.data) {
    const { email, organization } = mutation.data;
    return (
      <div className="grid gap-4">
        <Alert variant="success">
          <CircleCheck aria-hidden="true" />
          <AlertTitle>Email confirmed</AlertTitle>
          <AlertDescription>
            <p>
              Your account <strong className="break-all">{email}</strong> and the organization <strong>{organization.name}</strong> are
              ready. Log in to start.
            </p>
          </AlertDescription>
        </Alert>
        <Button asChild>
          <Link href={`/login?next=${encodeURIComponent(`/${organization.slug}`)}`}>Log in</Link>
        </Button>
      </div>
    );
  }

  const error = mutation.error instanceof ApiError ? mutation.error : null;
  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate();
      }}
    >
      <FormFailure error={error} title={(e) => (e.code === "CONFLICT" ? "You already have an account" : "This link cannot be used")} />
      <SubmitButton pending={mutation.isPending} pendingLabel="Confirming…" className="w-full">
        Confirm my email address
      </SubmitButton>
      {error ? (
        <Button variant="outline" asChild>
          <Link href={error.code === "CONFLICT" ? "/login" : "/signup"}>{error.code === "CONFLICT" ? "Go to log in" : "Sign up again"}</Link>
        </Button>
      ) : null}
    </form>
  );
}
