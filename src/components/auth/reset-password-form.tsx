"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { z } from "zod";

import { FormField } from "@/components/form-field";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, api } from "@/lib/api-client";
import { newPasswordSchema } from "@/lib/auth-schemas";

import { InvalidResetLink } from "./invalid-reset-link";
import { focusFirstInvalid, zodFieldErrors, type FieldErrors } from "./field-errors";

type Field = "password" | "confirmPassword";

const schema = z
  .object({ password: newPasswordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" });

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<Field>>({});

  const update = useMutation({
    mutationFn: (password: string) => api.post("/api/auth/password-update", { token, password }),
    onSuccess: () => {
      router.replace("/");
      router.refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.fieldErrors.password) {
        setFieldErrors({ password: error.fieldErrors.password });
        focusFirstInvalid(formRef.current, error.fieldErrors);
      }
    },
  });

  if (update.error instanceof ApiError && (update.error.code === "INVALID_TOKEN" || (update.error.code === "VALIDATION_FAILED" && !update.error.fieldErrors.password))) {
    return <InvalidResetLink />;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = schema.safeParse({ password: data.get("password"), confirmPassword: data.get("confirmPassword") });
    if (!parsed.success) {
      const errors = zodFieldErrors<Field>(parsed.error);
      setFieldErrors(errors);
      update.reset();
      focusFirstInvalid(formRef.current, errors);
      return;
    }
    setFieldErrors({});
    update.mutate(parsed.data.password);
  }

  const busy = update.isPending || update.isSuccess;
  const failure = update.error instanceof ApiError && update.error.code !== "VALIDATION_FAILED" ? update.error : null;

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-4">
      {failure ? (
        <Alert variant="destructive">
          <AlertTitle>Your password was not changed</AlertTitle>
          <AlertDescription>{failure.message}</AlertDescription>
        </Alert>
      ) : null}
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
