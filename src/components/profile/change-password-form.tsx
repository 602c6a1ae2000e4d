"use client";

import { FormFailure } from "@/components/forms/form-failure";
import { useApiForm } from "@/components/forms/use-api-form";
import { FormField } from "@/components/form-field";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { api } from "@/lib/api-client";
import { withConfirmedPassword } from "@/lib/auth-schemas";
import { text } from "@/lib/text-schema";

const schema = withConfirmedPassword({ currentPassword: text().min(1, "Enter your current password").max(1024) }).refine((v) => v.password !== v.currentPassword, { path: ["password"], message: "Choose a password different from the current one" });

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
      <NewPasswordFields errors={fieldErrors} />
      <div>
        <SubmitButton pending={mutation.isPending} pendingLabel="Changing…">
          Change password
        </SubmitButton>
      </div>
    </form>
  );
}
