"use client";

import { ArrowDown, ArrowUp } from "lucide-react";
import { useState } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { ROLE_LABELS } from "@/lib/role-labels";
import { ApiError } from "@/lib/api-client";
import type { DashboardConfigItem as ConfigDashboard } from "@/lib/dashboard-views";
import { ROLES } from "@/lib/permissions";
import { useDashboardConfig, useSaveDashboardConfig } from "./dashboard-queries";

/** Settings › Dashboards: enable/disable, order, allowed roles and kind, saved together. */
export function DashboardSettingsForm({ org }: { org: string }) {
  const { data, error, isPending } = useDashboardConfig(org);
  const [draft, setDraft] = useState<ConfigDashboard[] | null>(null);
  const rows = draft ?? data?.dashboards ?? [];
  const save = useSaveDashboardConfig(org);
  const toast = useToast();

  if (isPending) return <Skeleton className="h-64 w-full" />;
  if (error) return <Alert variant="destructive"><AlertDescription>{error instanceof ApiError ? error.message : "Could not load the configuration."}</AlertDescription></Alert>;

  const update = (index: number, change: Partial<ConfigDashboard>) => setDraft(rows.map((d, i) => (i === index ? { ...d, ...change } : d)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    setDraft(next);
  };
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors : {};

  return (
    <form
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(rows, {
          onSuccess: () => {
            setDraft(null);
            toast({ title: "Dashboard settings saved", description: "Each role sees its dashboards in the new order from its next visit." });
          },
        });
      }}
    >
      {!data.metabaseConfigured ? (
        <Alert>
          <AlertDescription>Metabase dashboards stay hidden from everyone until whoever runs the server connects Metabase (the README says how).</AlertDescription>
        </Alert>
      ) : null}
      <ul className="grid gap-3">
        {rows.map((d, i) => (
          <li key={d.id} className="grid gap-3 rounded-xl border bg-card p-4">
            <div className="flex flex-wrap items-center gap-3">
              <div className="flex gap-1">
                <Button type="button" variant="outline" size="icon" aria-label={`Move ${d.title} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                  <ArrowUp aria-hidden="true" />
                </Button>
                <Button type="button" variant="outline" size="icon" aria-label={`Move ${d.title} down`} disabled={i === rows.length - 1} onClick={() => move(i, 1)}>
                  <ArrowDown aria-hidden="true" />
                </Button>
              </div>
              <span className="font-medium">{d.title}</span>
              <label className="ml-auto flex items-center gap-2 text-sm">
                <input type="checkbox" checked={d.enabled} onChange={(e) => update(i, { enabled: e.target.checked })} /> Enabled
              </label>
            </div>
            <fieldset className="flex flex-wrap gap-4 text-sm">
              <legend className="mb-1 text-sm text-muted-foreground">Roles that see it</legend>
              {ROLES.map((role) => (
                <label key={role} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={d.allowedRoles.includes(role)}
                    onChange={(e) => update(i, { allowedRoles: e.target.checked ? [...d.allowedRoles, role] : d.allowedRoles.filter((r) => r !== role) })}
                  />
                  {ROLE_LABELS[role]}
                </label>
              ))}
            </fieldset>
            <div className="flex flex-wrap items-end gap-3 text-sm">
              <label className="grid gap-1">
                <span className="text-muted-foreground">Kind</span>
                <select
                  className="h-9 rounded-md border border-input bg-transparent px-2"
                  value={d.kind}
                  onChange={(e) => update(i, { kind: e.target.value as ConfigDashboard["kind"] })}
                >
                  {d.nativeView ? <option value="native">Native</option> : null}
                  <option value="metabase">Metabase</option>
                </select>
              </label>
              {d.kind === "metabase" ? (
                <label className="grid gap-1">
                  <span className="text-muted-foreground">Metabase dashboard id</span>
                  <Input
                    type="number"
                    min={1}
                    className="w-32"
                    value={d.metabaseDashboardId ?? ""}
                    onChange={(e) => update(i, { metabaseDashboardId: e.target.value ? Number(e.target.value) : null })}
                  />
                </label>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {save.error ? (
        <p role="alert" className="text-sm text-destructive">
          {save.error.message}
          {Object.entries(fieldErrors).map(([field, messages]) => ` ${field}: ${messages.join(", ")}`)}
        </p>
      ) : null}
      <div>
        <Button type="submit" disabled={save.isPending || !draft}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
