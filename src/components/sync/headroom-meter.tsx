import { useFormat } from "@/components/format-provider";
import { cn } from "@/lib/utils";

/** Calls left of a Xero limit, as Xero last reported them; low headroom turns amber, then red. */
export function HeadroomMeter({ label, remaining, limit }: { label: string; remaining: number | null; limit: number }) {
  const format = useFormat();
  if (remaining === null) {
    return (
      <div className="grid gap-1 text-xs">
        <span className="text-muted-foreground">{label}</span>
        <span>Not reported yet</span>
      </div>
    );
  }
  const share = limit > 0 ? Math.min(1, Math.max(0, remaining / limit)) : 0;
  return (
    <div className="grid gap-1 text-xs">
      <div className="flex justify-between gap-2">
        <span className="text-muted-foreground">{label}</span>
        {/* The exact counts are for the curious: on hover. */}
        <span className="tabular-nums" title={`${format.number(remaining)} of ${format.number(limit)} requests left`}>
          {format.percent(share, { digits: 0 })} left
        </span>
      </div>
      <div
        role="meter"
        aria-label={`${label}: calls left`}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={remaining}
        aria-valuetext={`${format.number(remaining)} of ${format.number(limit)} calls left`}
        className="h-1.5 w-full overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn("h-full rounded-full", share < 0.1 ? "bg-destructive" : share < 0.3 ? "bg-warning" : "bg-success")}
          style={{ width: `${share * 100}%` }}
        />
      </div>
    </div>
  );
}
