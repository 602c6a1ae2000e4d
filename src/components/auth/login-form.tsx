"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";

import { FormField } from "@/components/form-field";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, api } from "@/lib/api-client";
import { loginSchema, safeNextPath } from "@/lib/auth-schemas";

import { focusFirstInvalid, zodFieldErrors, type FieldErrors } from "./field-errors";
import { formatWait } from "./format-wait";

type Field = "email" | "password";

function failureMessage(error: unknown): { title: string; body?: string } {
  if (error instanceof ApiError) {
    if (error.status === 401) return { title: "Invalid email or password", body: "Check both and try again. Passwords are case-sensitive." };
    if (error.status === 429) {
      const wait = error.retryAfterSeconds;
      return { title: "Too many sign-in attempts", body: wait ? `For your security, wait ${formatWait(wait)} before trying again.` : "Wait a while before trying again." };
    }
    return { title: "We could not sign you in", body: error.requestId ? `${error.message} (reference ${error.requestId})` : error.message };
  }
  return { title: "We could not sign you in", body: "Something unexpected happened. Try again." };
}

export function LoginForm({ next }: { next?: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<Field>>({});

  const login = useMutation({
    mutationFn: (input: { email: string; password: string }) => api.post("/api/auth/login", input),
    onSuccess: () => {
      router.replace(safeNextPath(next));
      router.refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === "VALIDATION_FAILED") {
        setFieldErrors(error.fieldErrors);
        focusFirstInvalid(formRef.current, error.fieldErrors);
      }
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = loginSchema.safeParse({ email: data.get("email"), password: data.get("password") });
    if (!parsed.success) {
      const errors = zodFieldErrors<Field>(parsed.error);
      setFieldErrors(errors);
      login.reset();
      focusFirstInvalid(formRef.current, errors);
      return;
    }
    setFieldErrors({});
    login.mutate(parsed.data);
  }

  // After success the button stays busy until the next page has replaced this one.
  const busy = login.isPending || login.isSuccess;
  const failure = login.isError && !(login.error instanceof ApiError && login.error.code === "VALIDATION_FAILED") ? failureMessage(login.error) : null;

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-4">
      {failure ? (
        <Alert variant="destructive">
          <AlertTitle>{failure.title}</AlertTitle>
          {failure.body ? <AlertDescription>{failure.body}</AlertDescription> : null}
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
      <Button type="submit" disabled={busy} className="w-full">
        {busy ? <Spinner label="" /> : null}
        {busy ? "Logging in…" : "Log in"}
      </Button>
    </form>
  );
}
