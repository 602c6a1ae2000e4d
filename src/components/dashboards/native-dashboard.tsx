"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";

import { useFormat } from "@/components/format-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-client";
import type { DashboardDataResponse, DashboardTableKey } from "@/lib/dashboard-views";
import { useDashboardData } from "./dashboard-queries";
import { Spinner } from "@/components/ui/spinner";
import { DashboardFilterCombobox } from "./dashboard-filter-combobox";
import { DashboardTables } from "./data-table";
import { FinancialView } from "./financial-view";
import { cn } from "@/lib/utils";
import { PracticeView } from "./practice-view";

const FILTER_KEYS = ["contact", "client", "staff"] as const;

/** The date range and filters live in the URL, so a view can be bookmarked and shared. */
export function NativeDashboard({ org, dashboardId, today }: { org: string; dashboardId: string; today: string }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const format = useFormat();
  const query = new URLSearchParams();
  for (const key of ["from", "to", ...FILTER_KEYS]) {
    const value = search.get(key);
    if (value) query.set(key, value);
  }
  const qs = query.toString();
  const { data, error, isPending, isFetching, isPlaceholderData } = useDashboardData(org, dashboardId, qs);
  // The old figures stay on screen, dimmed, while the new range loads.
  const updating = isPlaceholderData && isFetching;

  // A download is a plain navigation (no X-Org-Id header): the organization travels as ?org=.
  const exportHref = (table: DashboardTableKey) => {
    const params = new URLSearchParams(query);
    if (data) {
      params.set("from", data.range.from);
      params.set("to", data.range.to);
    }
    params.set("table", table);
    params.set("org", org);
    return `/api/dashboards/${dashboardId}/export?${params}`;
  };

  const navigate = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    // The History API, not router.replace: Next.js keeps useSearchParams in step with it, and the
    // change is instant (router.replace re-renders the server page, a round trip before anything moves).
    window.history.replaceState(null, "", `${pathname}?${next.toString()}`);
  };

  return (
    <div className="grid gap-6">
      {/* Re-created when the URL's range changes (an Apply) or the first data tells the default
          range, never when data arrives later: that would wipe dates being typed meanwhile. */}
      <RangeForm
        key={`${search.get("from") ?? ""}:${search.get("to") ?? ""}:${data ? "loaded" : "initial"}`}
        from={search.get("from") ?? data?.range.from ?? ""}
        to={search.get("to") ?? data?.range.to ?? ""}
        today={today}
        onApply={(from, to) => navigate({ from, to })}
      />
      {updating ? (
        <div role="status" className="-mb-3 flex items-center gap-2 text-sm text-muted-foreground" data-testid="dashboard-updating">
          <Spinner label="" />
          Updating figures…
          <span aria-hidden="true" className="relative h-1 flex-1 overflow-hidden rounded-full bg-muted">
            <span className="absolute inset-y-0 left-0 w-1/3 animate-[progress-slide_1.2s_ease-in-out_infinite] rounded-full motion-reduce:animate-none bg-primary" />
          </span>
        </div>
      ) : null}
      {data && data.view !== "procurement" ? <Filters org={org} dashboardId={dashboardId} data={data} values={Object.fromEntries(FILTER_KEYS.map((k) => [k, search.get(k)]))} onChange={navigate} /> : null}
      {error ? (
        <Alert variant="destructive">
          <AlertTitle>Could not load this dashboard</AlertTitle>
          <AlertDescription>{error instanceof ApiError ? error.message : "Something went wrong."}</AlertDescription>
        </Alert>
      ) : isPending ? (
        <DashboardSkeleton />
      ) : (
        <div aria-busy={updating} data-testid="dashboard-figures" className={cn("grid gap-6 transition-opacity", updating && "pointer-events-none opacity-50")}>
          {data.view === "financial" ? (
            <DashboardTables.Provider value={{ currency: data.currency, exportHref }}>
              <FinancialView data={data} currency={data.currency} />
            </DashboardTables.Provider>
          ) : data.view === "practice" ? (
            <DashboardTables.Provider value={{ currency: data.currency, exportHref }}>
              <PracticeView data={data} currency={data.currency} />
            </DashboardTables.Provider>
          ) : (
            <p className="rounded-md border border-dashed p-10 text-center text-muted-foreground">{data.message}</p>
          )}
        </div>
      )}
      {data ? (
        <p className="text-xs text-muted-foreground">
          {format.date(data.range.from)} – {format.date(data.range.to)} · aging and work in progress as of {format.date(data.asOf)} ({data.timezone.replace(/_/g, " ")}) · amounts in {data.currency}
        </p>
      ) : null}
    </div>
  );
}

const PRESET_MONTHS = [3, 12, 24] as const;

/** The first day of the month `months - 1` months before today's: "12 months" is this month and the 11 before. */
function presetStart(today: string, months: number): string {
  const end = new Date(`${today}T00:00:00Z`);
  return new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (months - 1), 1)).toISOString().slice(0, 10);
}

function RangeForm({ from, to, today, onApply }: { from: string; to: string; today: string; onApply: (from: string, to: string) => void }) {
  const [values, setValues] = useState({ from, to });
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (values.from && values.to && values.from > values.to) return setProblem("The start must be on or before the end.");
    setProblem(null);
    onApply(values.from, values.to);
  };
  const preset = (months: number) => {
    const start = presetStart(today, months);
    // The inputs show the preset's dates at once, before the new figures arrive.
    setValues({ from: start, to: today });
    setProblem(null);
    onApply(start, today);
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Date range">
      <div className="grid gap-1">
        <Label htmlFor="range-from">From</Label>
        <Input id="range-from" type="date" value={values.from} max={values.to || undefined} onChange={(e) => setValues({ ...values, from: e.target.value })} aria-invalid={Boolean(problem)} aria-describedby={problem ? "range-error" : undefined} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="range-to">To</Label>
        <Input id="range-to" type="date" value={values.to} min={values.from || undefined} onChange={(e) => setValues({ ...values, to: e.target.value })} />
      </div>
      <Button type="submit">Apply</Button>
      <div className="flex flex-wrap gap-2" role="group" aria-label="Quick ranges">
        {PRESET_MONTHS.map((months) => {
          const active = from === presetStart(today, months) && to === today;
          return (
            <Button key={months} type="button" variant={active ? "secondary" : "outline"} size="sm" aria-pressed={active} onClick={() => preset(months)}>
              {months} months
            </Button>
          );
        })}
      </div>
      {problem ? <p id="range-error" role="alert" className="w-full text-sm text-destructive">{problem}</p> : null}
    </form>
  );
}

function Filters({ org, dashboardId, data, values, onChange }: { org: string; dashboardId: string; data: Exclude<DashboardDataResponse, { view: "procurement" }>; values: Record<string, string | null>; onChange: (c: Record<string, string | null>) => void }) {
  // Before a search, the names already in the dashboard's data (every contact with a balance, every
  // client and staff member in the range); a search asks the server.
  const filters =
    data.view === "financial"
      ? [{ key: "contact" as const, label: "Contact", all: "All contacts", options: data.aging.byContact.rows.map((c) => ({ value: c.contactId, label: c.name })) }]
      : [
          { key: "client" as const, label: "Client", all: "All clients", options: data.wipByClient.map((c) => ({ value: c.clientId, label: c.client })) },
          { key: "staff" as const, label: "Staff member", all: "All staff", options: data.staff.rows.map((s) => ({ value: s.staffId, label: s.name })) },
        ];
  return (
    <div className="grid gap-3 sm:flex sm:flex-wrap">
      {filters.map((f) => (
        <div key={f.key} className="grid gap-1 sm:w-64">
          <Label htmlFor={`filter-${f.key}`}>{f.label}</Label>
          <DashboardFilterCombobox
            id={`filter-${f.key}`}
            org={org}
            dashboardId={dashboardId}
            filter={f.key}
            label={f.label}
            allLabel={f.all}
            loaded={f.options}
            value={values[f.key] ?? null}
            onChange={(value) => onChange({ [f.key]: value })}
          />
        </div>
      ))}
    </div>
  );
}

export function DashboardSkeleton() {
  return (
    <div className="grid gap-6" data-testid="dashboard-skeleton">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Skeleton className="h-72" />
        <Skeleton className="h-72" />
      </div>
      <span className="sr-only">Loading dashboard…</span>
    </div>
  );
}
