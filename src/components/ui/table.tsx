import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

/**
 * The app's one table look: a bordered box that scrolls sideways on a narrow screen, small muted
 * column headings, a rule between rows, numbers right-aligned in tabular figures.
 */
export function Table({ className, containerClassName, ...props }: ComponentProps<"table"> & { containerClassName?: string }) {
  return (
    <div className={cn("overflow-x-auto rounded-md border", containerClassName)}>
      <table className={cn("w-full text-sm", className)} {...props} />
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
