import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

export type FieldErrorProps = Omit<ComponentProps<"p">, "children"> & {
  /** A single message, or a list (e.g. Zod's `fieldErrors.x`) of which the first is shown. */
  message?: string | readonly string[] | null;
};

/** Give it an `id` and point the input's `aria-describedby` at it. */
export function FieldError({ message, className, ...props }: FieldErrorProps) {
  const text = typeof message === "string" ? message : message?.[0];
  if (!text) return null;
  return (
    <p
      role="alert"
      data-slot="field-error"
      className={cn("text-sm font-medium text-destructive", className)}
      {...props}
    >
      {text}
    </p>
  );
}
