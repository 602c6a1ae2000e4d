import { Download } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/**
 * A plain download link: the browser streams the zip to disk as the server reads it, however large,
 * with its own progress and no JavaScript holding the file in memory.
 */
export function ExportOrganizationCard({ slug }: { slug: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>Export everything</h2>
        </CardTitle>
        <CardDescription>
          A zip with every table the organization holds (members, settings, dashboards, synced Xero and XPM data, syncs, jobs and the
          audit log), each as CSV and as JSON, with a manifest. The export is recorded in the audit log.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Button asChild variant="outline">
          <a href={`/api/organization/export?org=${encodeURIComponent(slug)}`} download>
            <Download aria-hidden="true" />
            Download export (.zip)
          </a>
        </Button>
      </CardContent>
    </Card>
  );
}
