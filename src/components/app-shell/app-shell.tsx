import type { ReactNode } from "react";

import { Brand } from "@/components/brand";
import { ThemeToggle } from "@/components/theme-toggle";
import { ToastProvider } from "@/components/ui/toaster";
import type { Role } from "@/lib/permissions";

import { MainNav } from "./main-nav";
import { MobileNav } from "./mobile-nav";
import { OrgSwitcher, type SwitcherOrganization } from "./org-switcher";
import { UserMenu } from "./user-menu";

export interface AppShellProps {
  org: { slug: string; name: string; role: Role };
  organizations: SwitcherOrganization[];
  user: { fullName: string; email: string };
  /** Whether the org switcher offers "New organization" (ORG_CREATION=any). */
  canCreateOrganization?: boolean;
  children: ReactNode;
}

/** Sidebar on wide screens; on phones a top bar whose menu button opens the same navigation. */
export function AppShell({ org, organizations, user, canCreateOrganization, children }: AppShellProps) {
  return (
    <ToastProvider>
      <div className="min-h-dvh md:grid md:grid-cols-[15rem_minmax(0,1fr)]">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-background px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        <aside className="sticky top-0 hidden h-dvh flex-col border-r bg-muted/30 md:flex">
          <div className="flex h-14 shrink-0 items-center border-b px-4">
            <Brand />
          </div>
          <div className="flex-1 overflow-y-auto p-3">
            <MainNav org={org.slug} role={org.role} />
          </div>
        </aside>
        <div className="flex min-h-dvh min-w-0 flex-col">
          <header className="sticky top-0 z-30 flex h-14 shrink-0 items-center gap-2 border-b bg-background/95 px-3 backdrop-blur supports-[backdrop-filter]:bg-background/80 md:px-6">
            <MobileNav org={org.slug} role={org.role} />
            <OrgSwitcher current={org.slug} organizations={organizations} canCreate={canCreateOrganization} />
            <div className="ml-auto flex items-center gap-1">
              <ThemeToggle />
              <UserMenu org={org.slug} name={user.fullName} email={user.email} />
            </div>
          </header>
          <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 outline-none md:px-8 md:py-8">
            <div className="mx-auto w-full max-w-5xl">{children}</div>
          </main>
        </div>
      </div>
    </ToastProvider>
  );
}
