"use client";

import { z } from "zod";

import { FormFailure } from "@/components/forms/form-failure";
import { useApiForm } from "@/components/forms/use-api-form";
import { FormField } from "@/components/form-field";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { api } from "@/lib/api-client";
import { newPasswordSchema } from "@/lib/auth-schemas";

const schema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(1024),
    password: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" })
  .refine((v) => v.password !== v.currentPassword, { path: ["password"], message: "Choose a password different from the current one" });

export function ChangePasswordForm() {
  const { formRef, fieldErrors, mutation, onSubmit, failure } = useApiForm({
    schema,
    fields: ["currentPassword", "password"],
    read: (data) => ({ currentPassword: data.get("currentPassword"), password: data.get("password"), confirmPassword: data.get("confirmPassword") }),
    submit: ({ currentPassword, password }) => api.post("/api/auth/password-update", { currentPassword, password }),
    resetOnSuccess: true,
  });

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid max-w-sm gap-4">
      {mutation.isSuccess ? (
        <Alert variant="success">
          <AlertTitle>Password changed</AlertTitle>
          <AlertDescription>Use the new password next time you log in. Your other sessions have been signed out.</AlertDescription>
        </Alert>
      ) : null}
      <FormFailure error={failure} title="Your password was not changed" />
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
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? <Spinner label="" /> : null}
          {mutation.isPending ? "Changing…" : "Change password"}
        </Button>
      </div>
    </form>
  );
}
