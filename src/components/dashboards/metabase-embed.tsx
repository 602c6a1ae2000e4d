"use client";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-client";
import { useDashboardEmbed } from "./dashboard-queries";

/** Asks our API for a signed URL (never the secret) and frames it; renews before the token expires. */
export function MetabaseEmbed({ org, dashboardId, title }: { org: string; dashboardId: string; title: string }) {
  const { data, error, isPending } = useDashboardEmbed(org, dashboardId);
  if (error) {
    return (
      <Alert variant="destructive">
        <AlertTitle>Could not open this Metabase dashboard</AlertTitle>
        <AlertDescription>{error instanceof ApiError ? error.message : "Something went wrong."}</AlertDescription>
      </Alert>
    );
  }
  if (isPending) return <Skeleton className="h-[70vh] w-full" />;
  return <iframe title={title} src={data.embedUrl} className="h-[75vh] w-full rounded-xl border" />;
}
