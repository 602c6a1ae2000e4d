import { LoaderCircle } from "lucide-react";
import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

export type SpinnerProps = ComponentProps<typeof LoaderCircle> & {
  /** Screen-reader text. Pass "" when the spinner sits next to visible text (e.g. inside a "Saving…" button). */
  label?: string;
};

/** `className` styles the icon itself, e.g. `className="size-6"`. */
export function Spinner({ className, label = "Loading", ...props }: SpinnerProps) {
  const icon = (
    <LoaderCircle
      aria-hidden="true"
      className={cn("size-4 animate-spin", className)}
      {...props}
    />
  );
  if (!label) return icon;
  return (
    <span role="status" data-slot="spinner" className="inline-flex">
      {icon}
      <span className="sr-only">{label}</span>
    </span>
  );
}
