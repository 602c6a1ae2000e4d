"use client";

import { useRouter } from "next/navigation";
import { z } from "zod";

import { FormFailure } from "@/components/forms/form-failure";
import { useApiForm } from "@/components/forms/use-api-form";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, api } from "@/lib/api-client";
import { newPasswordSchema } from "@/lib/auth-schemas";

import { InvalidResetLink } from "./invalid-reset-link";

const schema = z
  .object({ password: newPasswordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" });

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
      <FormField
        id="password"
        name="password"
        type="password"
        label="New password"
        autoComplete="new-password"
        hint="At least 8 characters."
        required
        autoFocus
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
      <Button type="submit" disabled={busy} className="w-full">
        {busy ? <Spinner label="" /> : null}
        {busy ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
