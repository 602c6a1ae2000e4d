"use client";

import { ArchiveRestore } from "lucide-react";
import { useRouter } from "next/navigation";

import { FormFailure } from "@/components/forms/form-failure";
import { useFormat } from "@/components/format-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-client";
import { useDeletedOrganizations, useRestoreOrganization } from "./organization-queries";

/**
 * The deleted organizations the viewer administers, each restorable until its purge date. Renders
 * nothing when there are none (and while loading, unless `alwaysShow`), so pages can include it
 * unconditionally. Its dates follow the current organization's format on the Profile page, and the
 * default (DEFAULT_FORMAT: en-GB, the browser's time zone) on the organization picker.
 */
export function DeletedOrganizations({ alwaysShow = false }: { alwaysShow?: boolean }) {
  const router = useRouter();
  const format = useFormat();
  const query = useDeletedOrganizations();
  const restore = useRestoreOrganization();

  if (query.isPending) return alwaysShow ? <Skeleton className="h-24 w-full" aria-label="Loading deleted organizations" /> : null;
  if (query.isError) {
    return (
      <Alert variant="destructive">
        <AlertTitle>Deleted organizations could not be loaded</AlertTitle>
        <AlertDescription>{query.error.message}</AlertDescription>
      </Alert>
    );
  }
  const items = query.data.items;
  if (items.length === 0 && !restore.data) return null;

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>Deleted organizations</h2>
        </CardTitle>
        <CardDescription>Hidden from their members. As their admin you can bring them back until they are purged.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {restore.data ? (
          <Alert variant="success">
            <AlertTitle>{restore.data.name} is back</AlertTitle>
            <AlertDescription>
              <p>
                Its members see it again. Reconnect Xero in{" "}
                <a className="underline underline-offset-4" href={`/${restore.data.slug}/settings/integrations`}>
                  Settings › Integrations
                </a>
                .
              </p>
            </AlertDescription>
          </Alert>
        ) : null}
        <FormFailure error={restore.error instanceof ApiError ? restore.error : null} title="The organization was not restored" />
        {items.length ? (
          <ul className="grid gap-2">
            {items.map((org) => (
              <li key={org.id} data-testid="deleted-organization" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border p-3">
                <div className="grid min-w-0 gap-0.5">
                  <span className="truncate font-medium">{org.name}</span>
                  <span className="text-xs text-muted-foreground">
                    Deleted {format.date(org.deletedAt)}
                    {org.deletedByEmail ? ` by ${org.deletedByEmail}` : ""} · purged after {format.date(org.purgeAfter)}
                  </span>
                </div>
                <Button
                  variant="outline"
                  size="sm"
                  disabled={restore.isPending}
                  onClick={() => restore.mutate(org.id, { onSuccess: () => router.refresh() })}
                  aria-label={`Restore ${org.name}`}
                >
                  <ArchiveRestore aria-hidden="true" />
                  {restore.isPending && restore.variables === org.id ? "Restoring…" : "Restore"}
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
      </CardContent>
    </Card>
  );
}
