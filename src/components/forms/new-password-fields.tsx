import { FormField } from "@/components/form-field";

import type { FieldErrors } from "@/components/auth/field-errors";

/** The new password and its confirmation, named `password` and `confirmPassword` (see `withConfirmedPassword`). */
export function NewPasswordFields({
  errors,
  label = "New password",
  confirmLabel = "Confirm new password",
  autoFocus,
}: {
  errors: FieldErrors<string>;
  label?: string;
  confirmLabel?: string;
  autoFocus?: boolean;
}) {
  return (
    <>
      <FormField
        id="password"
        name="password"
        type="password"
        label={label}
        autoComplete="new-password"
        hint="At least 8 characters."
        required
        autoFocus={autoFocus}
        error={errors.password}
      />
      <FormField
        id="confirmPassword"
        name="confirmPassword"
        type="password"
        label={confirmLabel}
        autoComplete="new-password"
        required
        error={errors.confirmPassword}
      />
    </>
  );
}
