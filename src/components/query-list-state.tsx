import type { UseQueryResult } from "@tanstack/react-query";
import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";

interface QueryListStateProps<T> {
  query: UseQueryResult<{ items: T[] }>;
  /** What is loading, for screen readers ("Loading members"). */
  loadingLabel: string;
  skeletonRows?: number;
  skeletonClassName?: string;
  errorTitle: string;
  emptyIcon: LucideIcon;
  emptyText: string;
  children: (items: T[]) => ReactNode;
}

/** The loading, error and empty states every paged list shows, around the list itself. */
export function QueryListState<T>({
  query,
  loadingLabel,
  skeletonRows = 4,
  skeletonClassName = "h-12 w-full",
  errorTitle,
  emptyIcon: EmptyIcon,
  emptyText,
  children,
}: QueryListStateProps<T>) {
  if (query.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true" aria-label={loadingLabel}>
        {Array.from({ length: skeletonRows }, (_, i) => (
          <Skeleton key={i} className={skeletonClassName} />
        ))}
      </div>
    );
  }
  if (query.isError) {
    return (
      <Alert variant="destructive">
        <AlertTitle>{errorTitle}</AlertTitle>
        <AlertDescription>{query.error.message}</AlertDescription>
      </Alert>
    );
  }
  if (query.data.items.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 rounded-md border py-10 text-center text-sm text-muted-foreground">
        <EmptyIcon aria-hidden="true" className="size-6" />
        {emptyText}
      </div>
    );
  }
  return <>{children(query.data.items)}</>;
}
