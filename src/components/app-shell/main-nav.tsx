"use client";

import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";
import { useId } from "react";

import { Spinner } from "@/components/ui/spinner";
import type { Role } from "@/lib/permissions";
import { cn } from "@/lib/utils";
import { OpenAlertsBadge } from "@/components/alerts/open-alerts-badge";

import { NAV_GROUP_LABELS, navHref, navItemsFor, type NavItem } from "./nav-items";

function isActive(pathname: string, href: string, exact: boolean): boolean {
  return exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}

export function MainNav({ org, role, onNavigate, className }: { org: string; role: Role; onNavigate?: () => void; className?: string }) {
  const pathname = usePathname();
  // The sidebar and the phone menu may both be in the DOM: heading ids must differ.
  const idPrefix = useId();
  const items = navItemsFor(role);
  const groups = (["main", "settings", "account"] as const)
    .map((group) => ({ group, items: items.filter((item) => item.group === group) }))
    .filter(({ items }) => items.length > 0);

  return (
    <nav aria-label="Main" className={cn("grid gap-4", className)}>
      {groups.map(({ group, items }) => {
        const heading = NAV_GROUP_LABELS[group];
        const headingId = heading ? `${idPrefix}-${group}` : undefined;
        return (
          <div key={group} className="grid gap-1">
            {heading ? (
              <h2 id={headingId} className="px-3 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
                {heading}
              </h2>
            ) : null}
            <ul aria-labelledby={headingId} className="grid gap-0.5">
              {items.map((item) => (
                <li key={item.id}>
                  <NavLink item={item} org={org} pathname={pathname} onNavigate={onNavigate} />
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

function NavLink({ item, org, pathname, onNavigate }: { item: NavItem; org: string; pathname: string; onNavigate?: () => void }) {
  const href = navHref(org, item);
  const active = isActive(pathname, href, item.id === "overview");
  const Icon = item.icon;
  const badgeId = useId();
  return (
    <Link
      href={href}
      aria-describedby={item.badge ? badgeId : undefined}
      aria-current={active ? "page" : undefined}
      onClick={onNavigate}
      className={cn(
        "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors",
        "hover:bg-accent hover:text-accent-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden",
        active && "bg-accent text-accent-foreground",
      )}
    >
      <LinkIcon icon={Icon} />
      {item.label}
      {item.badge === "openAlerts" ? <OpenAlertsBadge org={org} id={badgeId} /> : null}
    </Link>
  );
}

/**
 * The link's icon, or a spinner while the page it leads to loads: pages answer only once their
 * access checks are done (so a missing page is a real 404), and this is the feedback meanwhile.
 */
function LinkIcon({ icon: Icon }: { icon: NavItem["icon"] }) {
  const { pending } = useLinkStatus();
  return pending ? <Spinner className="shrink-0" label="Loading page" /> : <Icon aria-hidden="true" className="size-4 shrink-0" />;
}
