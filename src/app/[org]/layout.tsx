import type { ReactNode } from "react";

import { AppShell } from "@/components/app-shell/app-shell";
import { FormatProvider } from "@/components/format-provider";
import { requireOrg } from "@/server/auth/current-user";
import { config } from "@/server/config";

export default async function OrgLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { viewer, org } = await requireOrg(slug);
  return (
    <AppShell
      org={{ slug: org.slug, name: org.name, role: org.role }}
      organizations={viewer.organizations.map(({ slug, name, role }) => ({ slug, name, role }))}
      user={{ fullName: viewer.user.fullName, email: viewer.user.email }}
      canCreateOrganization={config().ORG_CREATION === "any"}
    >
      <FormatProvider locale={org.locale} timeZone={org.timezone}>
        {children}
      </FormatProvider>
    </AppShell>
  );
}
