"use client";

import { useRouter } from "next/navigation";

import { FormFailure } from "@/components/forms/form-failure";
import { useApiForm } from "@/components/forms/use-api-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { ApiError, api } from "@/lib/api-client";
import { withConfirmedPassword } from "@/lib/auth-schemas";

import { InvalidResetLink } from "./invalid-reset-link";

const schema = withConfirmedPassword({});

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const { formRef, fieldErrors, mutation: update, onSubmit, failure } = useApiForm({
    schema,
    fields: ["password"],
    read: (data) => ({ password: data.get("password"), confirmPassword: data.get("confirmPassword") }),
    submit: ({ password }) => api.post("/api/auth/password-update", { token, password }),
    onSuccess: () => {
      router.replace("/");
      router.refresh();
    },
  });

  // A bad token (or a problem with no field of this form) means the link itself is unusable.
  if (update.error instanceof ApiError && (update.error.code === "INVALID_TOKEN" || (update.error.code === "VALIDATION_FAILED" && !update.error.fieldErrors.password))) {
    return <InvalidResetLink />;
  }

  const busy = update.isPending || update.isSuccess;

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-4">
      <FormFailure error={failure} title="Your password was not changed" describe={(e) => e.message} />
      <NewPasswordFields errors={fieldErrors} autoFocus />
      <SubmitButton pending={busy} pendingLabel="Saving…" className="w-full">
        Set new password
      </SubmitButton>
    </form>
  );
}
