import type { Metadata } from "next";

import { OrganizationForm } from "@/components/admin/organization-form";
import { DeleteOrganizationCard } from "@/components/orgs/delete-organization-card";
import { ExportOrganizationCard } from "@/components/orgs/export-organization-card";
import { AssistantSettingsForm } from "@/components/assistant/assistant-settings-form";
import { MfaPolicyForm } from "@/components/mfa/mfa-policy-form";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getAssistantSettings } from "@/server/assistant/get-assistant-settings";
import { requireOrg } from "@/server/auth/current-user";
import { config } from "@/server/config";
import { getOrganizationSettings } from "@/server/orgs/organization-settings";

export const metadata: Metadata = { title: "Organization" };

export default async function OrganizationSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { viewer, org } = await requireOrg(slug, "org.manage");
  const settings = await viewer.db((tx) => getOrganizationSettings(tx, org.id));
  return (
    <>
      <PageHeader title="Organization" description="Name, address, time zone, currency and budget alert thresholds; export or delete the organization." />
      <div className="grid gap-6">
        <Card>
          <CardContent>
            <OrganizationForm settings={settings} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Ask XeroPulse</CardTitle>
          </CardHeader>
          <CardContent>
            <AssistantSettingsForm org={org.slug} settings={await viewer.db((tx) => getAssistantSettings(tx, org.id))} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Two-factor sign-in</CardTitle>
          </CardHeader>
          <CardContent>
            <MfaPolicyForm org={org.slug} />
          </CardContent>
        </Card>
        <ExportOrganizationCard slug={org.slug} />
        <DeleteOrganizationCard slug={org.slug} name={org.name} graceDays={config().ORG_DELETION_GRACE_DAYS} />
      </div>
    </>
  );
}
