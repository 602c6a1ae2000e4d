import { ArrowRight, Check } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { navHref, navItemsFor } from "@/components/app-shell/nav-items";
import { StartPage } from "@/components/onboarding/start-page";
import { PageHeader } from "@/components/page-header";
import { PERMISSION_DESCRIPTIONS } from "@/components/permission-descriptions";
import { RoleBadge } from "@/components/role-badge";
import { ROLE_LABELS } from "@/lib/role-labels";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PERMISSIONS } from "@/lib/permissions";
import { requireOrg } from "@/server/auth/current-user";
import { organizationHasData } from "@/server/orgs/organization-has-data";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { viewer, org } = await requireOrg(slug);
  const firstName = viewer.user.fullName.trim().split(/\s+/)[0] || viewer.user.email;
  // In the matrix's order, so every role reads its list the same way.
  const permissions = PERMISSIONS.filter((permission) => org.permissions.includes(permission));
  const sections = navItemsFor(org.role).filter((item) => item.id !== "overview");
  // A new organization: its start page comes first, until a sync or an import brings data.
  const hasData = await viewer.db((tx) => organizationHasData(tx, org.id));

  return (
    <>
      <PageHeader title={`Welcome, ${firstName}`} description={`${org.name} · ${org.currency} · ${org.timezone.replace(/_/g, " ")}`} />
      <div className="grid gap-6">
        {hasData ? null : <StartPage org={{ slug: org.slug, name: org.name }} permissions={org.permissions} />}
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2 className="flex flex-wrap items-center gap-2">
                Your role in {org.name}
                <RoleBadge role={org.role} />
              </h2>
            </CardTitle>
            <CardDescription>As {article(ROLE_LABELS[org.role])} {ROLE_LABELS[org.role].toLowerCase()} you can:</CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-2 text-sm sm:grid-cols-2">
              {permissions.map((permission) => (
                <li key={permission} className="flex items-start gap-2">
                  <Check aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-success" />
                  {PERMISSION_DESCRIPTIONS[permission]}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>

        <section aria-labelledby="quick-links" className="grid gap-3">
          <h2 id="quick-links" className="text-lg font-semibold tracking-tight">
            Go to
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {sections.map((item) => {
              const Icon = item.icon;
              return (
                <li key={item.id}>
                  <Link
                    href={navHref(org.slug, item)}
                    className="group flex h-full items-start gap-3 rounded-xl border bg-card p-4 shadow-sm transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden"
                  >
                    <Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
                    <span className="grid flex-1 gap-1">
                      <span className="font-medium">{item.label}</span>
                      <span className="text-sm text-muted-foreground">{item.summary}</span>
                    </span>
                    <ArrowRight aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground transition-transform group-hover:translate-x-0.5" />
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      </div>
    </>
  );
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}
