"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { z } from "zod";

import { focusFirstInvalid, zodFieldErrors, type FieldErrors } from "@/components/auth/field-errors";
import { FormField } from "@/components/form-field";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, api } from "@/lib/api-client";
import { newPasswordSchema } from "@/lib/auth-schemas";

type Field = "currentPassword" | "password" | "confirmPassword";

const schema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(1024),
    password: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" })
  .refine((v) => v.password !== v.currentPassword, { path: ["password"], message: "Choose a password different from the current one" });

export function ChangePasswordForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<Field>>({});

  const change = useMutation({
    mutationFn: (input: { currentPassword: string; password: string }) => api.post("/api/auth/password-update", input),
    onSuccess: () => formRef.current?.reset(),
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
    const parsed = schema.safeParse({
      currentPassword: data.get("currentPassword"),
      password: data.get("password"),
      confirmPassword: data.get("confirmPassword"),
    });
    if (!parsed.success) {
      const errors = zodFieldErrors<Field>(parsed.error);
      setFieldErrors(errors);
      change.reset();
      focusFirstInvalid(formRef.current, errors);
      return;
    }
    setFieldErrors({});
    change.mutate({ currentPassword: parsed.data.currentPassword, password: parsed.data.password });
  }

  const error = change.error instanceof ApiError ? change.error : null;
  // Field-level problems are shown at their fields; anything else (or details on no known field) up here.
  const known: readonly string[] = ["currentPassword", "password"];
  const general = error && (error.code !== "VALIDATION_FAILED" || !Object.keys(error.fieldErrors).some((k) => known.includes(k))) ? error : null;

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid max-w-sm gap-4">
      {change.isSuccess ? (
        <Alert variant="success">
          <AlertTitle>Password changed</AlertTitle>
          <AlertDescription>Use the new password next time you log in. Your other sessions have been signed out.</AlertDescription>
        </Alert>
      ) : null}
      {general ? (
        <Alert variant="destructive">
          <AlertTitle>Your password was not changed</AlertTitle>
          <AlertDescription>{general.status === 401 ? "Your session has ended. Log in again, then retry." : general.message}</AlertDescription>
        </Alert>
      ) : null}
      <FormField
        id="currentPassword"
        name="currentPassword"
        type="password"
        label="Current password"
        autoComplete="current-password"
        required
        error={fieldErrors.currentPassword}
      />
      <FormField
        id="password"
        name="password"
        type="password"
        label="New password"
        autoComplete="new-password"
        hint="At least 8 characters."
        required
        error={fieldErrors.password}
      />
      <FormField
        id="confirmPassword"
        name="confirmPassword"
        type="password"
        label="Confirm new password"
        autoComplete="new-password"
        required
        error={fieldErrors.confirmPassword}
      />
      <div>
        <Button type="submit" disabled={change.isPending}>
          {change.isPending ? <Spinner label="" /> : null}
          {change.isPending ? "Changing…" : "Change password"}
        </Button>
      </div>
    </form>
  );
}
