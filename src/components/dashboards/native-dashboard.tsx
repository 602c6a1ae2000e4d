"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-client";
import type { DashboardDataResponse, DashboardTableKey } from "@/lib/dashboard-views";
import { useDashboardData } from "./dashboard-queries";
import { DashboardTables } from "./data-table";
import { FinancialView } from "./financial-view";
import { formatDate } from "@/lib/format-date";
import { PracticeView } from "./practice-view";

const FILTER_KEYS = ["contact", "client", "staff"] as const;

/** The date range and filters live in the URL, so a view can be bookmarked and shared. */
export function NativeDashboard({ org, dashboardId, today }: { org: string; dashboardId: string; today: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const query = new URLSearchParams();
  for (const key of ["from", "to", ...FILTER_KEYS]) {
    const value = search.get(key);
    if (value) query.set(key, value);
  }
  const qs = query.toString();
  const { data, error, isPending, isFetching } = useDashboardData(org, dashboardId, qs);

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
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };

  return (
    <div className="grid gap-6" aria-busy={isFetching}>
      {/* Re-created when the URL's range changes (an Apply) or the first data tells the default
          range, never when data arrives later: that would wipe dates being typed meanwhile. */}
      <RangeForm
        key={`${search.get("from") ?? ""}:${search.get("to") ?? ""}:${data ? "loaded" : "initial"}`}
        from={search.get("from") ?? data?.range.from ?? ""}
        to={search.get("to") ?? data?.range.to ?? ""}
        today={today}
        onApply={(from, to) => navigate({ from, to })}
      />
      {data && data.view !== "procurement" ? <Filters data={data} values={Object.fromEntries(FILTER_KEYS.map((k) => [k, search.get(k)]))} onChange={navigate} /> : null}
      {error ? (
        <Alert variant="destructive">
          <AlertTitle>Could not load this dashboard</AlertTitle>
          <AlertDescription>{error instanceof ApiError ? error.message : "Something went wrong."}</AlertDescription>
        </Alert>
      ) : isPending ? (
        <DashboardSkeleton />
      ) : data.view === "financial" ? (
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
      {data ? (
        <p className="text-xs text-muted-foreground">
          {formatDate(data.range.from)} – {formatDate(data.range.to)} · aging and work in progress as of {formatDate(data.asOf)} ({data.timezone.replace(/_/g, " ")}) · amounts in {data.currency}
        </p>
      ) : null}
    </div>
  );
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
    const end = new Date(`${today}T00:00:00Z`);
    const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (months - 1), 1)).toISOString().slice(0, 10);
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
        <Button type="button" variant="outline" size="sm" onClick={() => preset(3)}>3 months</Button>
        <Button type="button" variant="outline" size="sm" onClick={() => preset(12)}>12 months</Button>
        <Button type="button" variant="outline" size="sm" onClick={() => preset(24)}>24 months</Button>
      </div>
      {problem ? <p id="range-error" role="alert" className="w-full text-sm text-destructive">{problem}</p> : null}
    </form>
  );
}

function Filters({ data, values, onChange }: { data: Exclude<DashboardDataResponse, { view: "procurement" }>; values: Record<string, string | null>; onChange: (c: Record<string, string | null>) => void }) {
  const selects =
    data.view === "financial"
      ? [{ key: "contact", label: "Contact", options: data.aging.byContact.rows.map((c) => ({ value: c.contactId, label: c.name })) }]
      : [
          { key: "client", label: "Client", options: data.wipByClient.map((c) => ({ value: c.clientId, label: c.client })) },
          { key: "staff", label: "Staff member", options: data.staff.map((s) => ({ value: s.staffId, label: s.name })) },
        ];
  return (
    <div className="flex flex-wrap gap-3">
      {selects.map((s) => {
        const current = values[s.key] ?? "";
        const options = current && !s.options.some((o) => o.value === current) ? [{ value: current, label: current }, ...s.options] : s.options;
        return (
          <div key={s.key} className="grid gap-1">
            <Label htmlFor={`filter-${s.key}`}>{s.label}</Label>
            <select
              id={`filter-${s.key}`}
              className="h-9 rounded-md border border-input bg-transparent px-2 text-sm"
              value={current}
              onChange={(e) => onChange({ [s.key]: e.target.value || null })}
            >
              <option value="">All</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        );
      })}
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
