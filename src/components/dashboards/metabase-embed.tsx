"use client";

import { useQuery } from "@tanstack/react-query";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError, api } from "@/lib/api-client";

/** Asks our API for a signed URL (never the secret) and frames it; renews before the token expires. */
export function MetabaseEmbed({ org, dashboardId, title }: { org: string; dashboardId: string; title: string }) {
  const { data, error, isPending } = useQuery({
    queryKey: ["dashboard-embed", org, dashboardId],
    queryFn: () => api.post<{ embedUrl: string; expiresAt: string }>(`/api/dashboards/${dashboardId}/embed`, undefined, { orgId: org }),
    refetchInterval: 8 * 60 * 1000,
    refetchOnWindowFocus: false,
  });
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
