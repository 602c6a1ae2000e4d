import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

/**
 * The app's one table look: a bordered box, small muted column headings, a rule between rows,
 * numbers right-aligned in tabular figures. Its phone layout, the same for every table: the box is a
 * scroll region of its own (focusable, so a keyboard scrolls it too) that never widens the page
 * (`contain: inline-size` keeps a wide table from stretching the grid or flex item around it), and
 * below the `sm` breakpoint the first column stays pinned on the left while the rest scrolls under it,
 * so every row keeps its name in view. `pinFirstColumn={false}` for tables whose first column is not
 * what names a row.
 */
export function Table({
  className,
  containerClassName,
  label,
  pinFirstColumn = true,
  ...props
}: ComponentProps<"table"> & { containerClassName?: string; label?: string; pinFirstColumn?: boolean }) {
  return (
    <div
      data-slot="table-scroll"
      tabIndex={0}
      role={label ? "region" : undefined}
      aria-label={label}
      className={cn(
        "relative w-full overflow-x-auto rounded-md border [contain:inline-size] focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden",
        containerClassName,
      )}
    >
      <table
        className={cn(
          "w-full text-sm",
          pinFirstColumn &&
            "max-sm:[&_tr>*:first-child]:sticky max-sm:[&_tr>*:first-child]:left-0 max-sm:[&_tr>*:first-child]:z-[1] max-sm:[&_tr>*:first-child]:max-w-[55vw] max-sm:[&_tr>*:first-child]:min-w-40 max-sm:[&_tr>*:first-child]:bg-card max-sm:[&_tr>*:first-child]:shadow-[1px_0_0_var(--color-border)] max-sm:[&_thead_tr>*:first-child]:bg-muted",
          className,
        )}
        {...props}
      />
    </div>
  );
}

/** Names the table for screen readers (hidden unless a class says otherwise). */
export function TableCaption({ className, ...props }: ComponentProps<"caption">) {
  return <caption className={cn("sr-only", className)} {...props} />;
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("bg-muted/50 text-left text-xs text-muted-foreground uppercase", className)} {...props} />;
}

export function TableBody(props: ComponentProps<"tbody">) {
  return <tbody {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("[tbody_&]:border-t", className)} {...props} />;
}

export function TableHead({ className, numeric, ...props }: ComponentProps<"th"> & { numeric?: boolean }) {
  return <th scope="col" className={cn("px-3 py-2 font-medium", numeric && "text-right", className)} {...props} />;
}

export function TableCell({ className, numeric, ...props }: ComponentProps<"td"> & { numeric?: boolean }) {
  return <td className={cn("px-3 py-2", numeric && "text-right tabular-nums", className)} {...props} />;
}
