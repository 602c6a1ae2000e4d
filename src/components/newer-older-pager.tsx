import { Button } from "@/components/ui/button";

/**
 * Newest-first lists (audit log, sync history) page by "Newer" / "Older": they know whether more
 * rows follow, not how many. Hidden when everything fits on the first page.
 */
export function NewerOlderPager({ page, hasMore, onPage, label }: { page: number; hasMore: boolean; onPage: (page: number) => void; label: string }) {
  if (page <= 1 && !hasMore) return null;
  return (
    <nav aria-label={label} className="flex items-center justify-end gap-2 text-sm">
      <span className="mr-auto text-muted-foreground">Page {page}</span>
      <Button size="sm" variant="outline" disabled={page <= 1} onClick={() => onPage(page - 1)}>Newer</Button>
      <Button size="sm" variant="outline" disabled={!hasMore} onClick={() => onPage(page + 1)}>Older</Button>
    </nav>
  );
}
