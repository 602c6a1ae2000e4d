import { useFormat } from "@/components/format-provider";
import { cn } from "@/lib/utils";

/** One figure of an import's counts (to create, updated, skipped…), as a dt/dd pair. */
export function ImportCount({ label, value, tone }: { label: string; value: number; tone?: "destructive" }) {
  const format = useFormat();
  return (
    <div className="rounded-lg border p-3">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className={cn("text-2xl font-semibold tabular-nums", tone === "destructive" && value > 0 && "text-destructive")}>{format.number(value)}</dd>
    </div>
  );
}
