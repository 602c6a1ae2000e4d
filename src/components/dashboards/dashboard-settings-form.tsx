"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowDown, ArrowUp } from "lucide-react";
import { useState } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { ROLE_LABELS } from "@/lib/role-labels";
import { ApiError, api, apiFetch } from "@/lib/api-client";
import { ROLES, type Role } from "@/lib/permissions";

interface ConfigDashboard {
  id: string;
  title: string;
  kind: "native" | "metabase";
  nativeView: string | null;
  metabaseDashboardId: number | null;
  enabled: boolean;
  position: number;
  allowedRoles: Role[];
}

interface ConfigResponse {
  dashboards: ConfigDashboard[];
  metabaseConfigured: boolean;
}

/** Settings › Dashboards: enable/disable, order, allowed roles and kind, saved together. */
export function DashboardSettingsForm({ org }: { org: string }) {
  const queryClient = useQueryClient();
  const { data, error, isPending } = useQuery({
    queryKey: ["dashboard-config", org],
    queryFn: () => api.get<ConfigResponse>("/api/dashboards/config", { orgId: org }),
  });
  const toast = useToast();
  const [draft, setDraft] = useState<ConfigDashboard[] | null>(null);
  const rows = draft ?? data?.dashboards ?? [];
  const save = useMutation({
    mutationFn: (dashboards: ConfigDashboard[]) =>
      apiFetch<ConfigResponse>("/api/dashboards/config", {
        method: "PUT",
        orgId: org,
        body: {
          dashboards: dashboards.map((d, i) => ({
            id: d.id,
            enabled: d.enabled,
            position: i,
            allowedRoles: d.allowedRoles,
            kind: d.kind,
            metabaseDashboardId: d.kind === "metabase" ? d.metabaseDashboardId : null,
          })),
        },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(["dashboard-config", org], saved);
      setDraft(null);
      toast({ title: "Dashboard settings saved", description: "Each role sees its dashboards in the new order from its next visit." });
    },
  });

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
        save.mutate(rows);
      }}
    >
      {!data.metabaseConfigured ? (
        <Alert>
          <AlertDescription>Metabase dashboards are hidden from everyone until METABASE_SITE_URL and METABASE_SECRET_KEY are set (see the README).</AlertDescription>
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
