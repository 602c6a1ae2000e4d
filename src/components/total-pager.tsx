import { ChevronLeft, ChevronRight } from "lucide-react";

import { useFormat } from "@/components/format-provider";
import { Button } from "@/components/ui/button";

/**
 * Lists that know how many rows match (purchase orders, quantity surveys, imports) page with
 * Previous / Next and say where the reader is: "26–50 of 212", or "of 10,000+" when counting
 * stopped early. Hidden when one page holds all.
 */
export function TotalPager({
  page,
  pageSize,
  total,
  capped = false,
  onPage,
  label,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** `total` is a lower bound ("of 10,000+"): more rows match than were counted. */
  capped?: boolean;
  onPage: (page: number) => void;
  label: string;
}) {
  const format = useFormat();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize && page <= 1) return null;
  const first = Math.min(total, (page - 1) * pageSize + 1);
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-end gap-2 text-sm">
      <span className="mr-auto text-muted-foreground tabular-nums" aria-live="polite">
        {total === 0 ? "Nothing on this page" : `${format.number(first)}–${format.number(last)} of ${format.number(total)}${capped ? "+" : ""}`}
        <span className="sr-only">, page {page} of {format.number(pages)}{capped ? " or more" : ""}</span>
      </span>
      <Button size="sm" variant="outline" disabled={page <= 1} onClick={() => onPage(Math.min(page - 1, pages))}>
        <ChevronLeft aria-hidden="true" />
        Previous
      </Button>
      <Button size="sm" variant="outline" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
        <ChevronRight aria-hidden="true" />
      </Button>
    </nav>
  );
}
