import type { Metadata } from "next";
import Link from "next/link";

import { NewOrganizationForm } from "@/components/orgs/new-organization-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireViewer } from "@/server/auth/current-user";
import { config } from "@/server/config";

export const metadata: Metadata = { title: "New organization" };

/** Another organization for a signed-in user (the org switcher's "New organization"). */
export default async function NewOrganizationPage() {
  const viewer = await requireViewer();
  const back = viewer.organizations[0] ? `/${viewer.organizations[0].slug}` : "/";
  if (config().ORG_CREATION === "none") {
    return (
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h1 className="text-xl">New organizations are turned off</h1>
          </CardTitle>
          <CardDescription>On this server organizations are created by its operator. Ask them, or ask an admin to invite you.</CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild variant="outline" className="w-full">
            <Link href={back}>Back</Link>
          </Button>
        </CardContent>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1 className="text-xl">New organization</h1>
        </CardTitle>
        <CardDescription>You will be its admin, and can invite people to it. It starts empty: connect Xero or import a spreadsheet next.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <NewOrganizationForm />
        <Button asChild variant="ghost" className="w-full">
          <Link href={back}>Cancel</Link>
        </Button>
      </CardContent>
    </Card>
  );
}
