import type { Metadata } from "next";

import { DeletedOrganizations } from "@/components/orgs/deleted-organizations";
import { PageHeader } from "@/components/page-header";
import { AlertEmailToggle } from "@/components/profile/alert-email-toggle";
import { ChangePasswordForm } from "@/components/profile/change-password-form";
import { DeleteAccountCard } from "@/components/profile/delete-account-card";
import { TwoFactorCard } from "@/components/mfa/two-factor-card";
import { RoleBadge } from "@/components/role-badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireOrg } from "@/server/auth/current-user";
import { formatter } from "@/lib/formatter";

export const metadata: Metadata = { title: "Profile" };

function formatAgo(date: Date, now = Date.now()): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

export default async function ProfilePage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { viewer, org } = await requireOrg(slug);
  const { user } = viewer;
  const lastSignIn = user.lastSignInAt ? new Date(user.lastSignInAt) : null;

  return (
    <>
      <PageHeader title="Profile" description="Your account and how you sign in." />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2>Your account</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-4 text-sm sm:grid-cols-[10rem_1fr] sm:gap-x-6">
              <dt className="font-medium text-muted-foreground">Name</dt>
              <dd className="-mt-3 sm:mt-0">{user.fullName || "Not set"}</dd>
              <dt className="font-medium text-muted-foreground">Email</dt>
              <dd className="-mt-3 break-all sm:mt-0">{user.email}</dd>
              <dt className="font-medium text-muted-foreground">Role in {org.name}</dt>
              <dd className="-mt-3 sm:mt-0">
                <RoleBadge role={org.role} />
              </dd>
              <dt className="font-medium text-muted-foreground">Last sign-in</dt>
              <dd className="-mt-3 sm:mt-0">
                {lastSignIn ? (
                  <>
                    <time dateTime={lastSignIn.toISOString()}>{formatter({ locale: org.locale, timeZone: org.timezone }).date(lastSignIn, "dateTime")}</time>{" "}
                    <span className="text-muted-foreground">({formatAgo(lastSignIn)})</span>
                  </>
                ) : (
                  "Never"
                )}
              </dd>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2>Email notifications</h2>
            </CardTitle>
            <CardDescription>Budget alerts on {org.name}&apos;s purchase orders.</CardDescription>
          </CardHeader>
          <CardContent>
            <AlertEmailToggle org={org.slug} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2>Change password</h2>
            </CardTitle>
            <CardDescription>You stay signed in here; every other session of your account is signed out.</CardDescription>
          </CardHeader>
          <CardContent>
            <ChangePasswordForm />
          </CardContent>
        </Card>
        <TwoFactorCard />
        <DeletedOrganizations />
        <DeleteAccountCard email={user.email} />
      </div>
    </>
  );
}
