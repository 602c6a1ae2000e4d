import type { ReactNode } from "react";

import { FieldError } from "@/components/ui/field-error";
import { Input, type InputProps } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export type FormFieldProps = Omit<InputProps, "id"> & {
  id: string;
  label: ReactNode;
  /** Shown under the label until there is an error; stays linked through aria-describedby. */
  hint?: ReactNode;
  error?: string | readonly string[] | null;
  /** Something to put on the label's line, at the right (e.g. a "Forgot password?" link). */
  labelAside?: ReactNode;
};

/** Label, input and error wired together: aria-invalid, and aria-describedby pointing at the hint and error. */
export function FormField({ id, label, hint, error, labelAside, className, ...inputProps }: FormFieldProps) {
  const hasError = typeof error === "string" ? error.length > 0 : Boolean(error?.length);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = hasError ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        {labelAside}
      </div>
      <Input id={id} aria-invalid={hasError || undefined} aria-describedby={describedBy} className={className} {...inputProps} />
      {hint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
