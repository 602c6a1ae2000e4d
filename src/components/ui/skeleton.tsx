import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

/** Purely visual: hidden from assistive tech, so mark the loading region with aria-busy or a Spinner. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-muted", className)}
      {...props}
    />
  );
}
