"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";

import { FormFailure } from "@/components/forms/form-failure";
import { useApiForm } from "@/components/forms/use-api-form";
import { FormField } from "@/components/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { EmailField } from "@/components/forms/email-field";
import { api, type ApiError } from "@/lib/api-client";
import { loginBody, safeNextPath } from "@/lib/auth-schemas";

import { formatWait } from "./format-wait";

function failureMessage(error: ApiError): { title: string; body: string } {
  if (error.status === 401) return { title: "Invalid email or password", body: "Check both and try again. Passwords are case-sensitive." };
  if (error.code === "EMAIL_NOT_VERIFIED") return { title: "Confirm your email address first", body: "Open the link we sent when you signed up, then log in." };
  if (error.status === 429) {
    const wait = error.retryAfterSeconds;
    return { title: "Too many sign-in attempts", body: wait ? `For your security, wait ${formatWait(wait)} before trying again.` : "Wait a while before trying again." };
  }
  return { title: "We could not sign you in", body: error.requestId ? `${error.message} (reference ${error.requestId})` : error.message };
}

export function LoginForm({ next }: { next?: string }) {
  const router = useRouter();
  const { formRef, fieldErrors, mutation: login, onSubmit, failure: error } = useApiForm({
    schema: loginBody,
    fields: ["email", "password"],
    read: (data) => ({ email: data.get("email"), password: data.get("password") }),
    submit: (input) => api.post<{ aal?: string; nextLevel?: string }>("/api/auth/login", input),
    onSuccess: (result) => {
      // A second factor is owed: the login page (re-rendered with the aal1 session) asks for it.
      if (result.aal === "aal1" && result.nextLevel === "aal2") return router.refresh();
      router.replace(safeNextPath(next));
      router.refresh();
    },
  });

  // After success the button stays busy until the next page has replaced this one.
  const busy = login.isPending || login.isSuccess;

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-4">
      <FormFailure error={error} title={(e) => failureMessage(e).title} describe={(e) => failureMessage(e).body} />
      <EmailField autoFocus error={fieldErrors.email} />
      <FormField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
        error={fieldErrors.password}
        labelAside={
          <Link href="/forgot-password" className="text-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline">
            Forgot password?
          </Link>
        }
      />
      <SubmitButton pending={busy} pendingLabel="Logging in…" className="w-full">
        Log in
      </SubmitButton>
    </form>
  );
}
