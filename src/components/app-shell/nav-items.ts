import {
  Bell,
  Building2,
  ChartColumn,
  ClipboardList,
  CreditCard,
  FileSpreadsheet,
  House,
  KeyRound,
  LayoutDashboard,
  MessageCircleQuestionMark,
  Plug,
  Ruler,
  RefreshCw,
  ScrollText,
  UserRound,
  Users,
  type LucideIcon,
} from "lucide-react";

import { can, type Permission, type Role } from "@/lib/permissions";

/**
 * The one navigation definition. Each item names the permission it needs (none: everyone), so the
 * menu shows only what a role may use, and the page behind it is guarded with the same permission.
 * Items of capabilities not built yet say which capability brings them.
 */
export type NavItemId = "overview" | "dashboards" | "ask" | "dashboard-settings" | "purchase-orders" | "quantity-surveys" | "sync" | "imports" | "alerts" | "users" | "roles" | "organization" | "integrations" | "billing" | "audit" | "profile";

export interface NavItem {
  id: NavItemId;
  label: string;
  /** Path inside the organization: `/${org}${path}`. */
  path: string;
  permission?: Permission;
  group: "main" | "settings" | "account";
  icon: LucideIcon;
  /** One line about the page, for quick links. */
  summary: string;
  /** For pages of later capabilities: which capability brings them and what it brings. */
  capability?: { lead: string; name: string; brings: string };
  /** A live count beside the label (the open alerts). */
  badge?: "openAlerts";
}

export const NAV_ITEMS: readonly NavItem[] = [
  { id: "overview", label: "Overview", path: "", group: "main", icon: House, summary: "Your role and what you can do here" },
  {
    id: "dashboards",
    label: "Dashboards",
    path: "/dashboards",
    permission: "dashboards.view",
    group: "main",
    icon: ChartColumn,
    summary: "Finance and practice dashboards",
  },
  {
    // Every role may ask; what each may ask about follows its dashboards (staff are told why not).
    id: "ask",
    label: "Ask",
    path: "/ask",
    permission: "dashboards.view",
    group: "main",
    icon: MessageCircleQuestionMark,
    summary: "Questions about your numbers, in plain language",
  },
  {
    id: "purchase-orders",
    label: "Purchase orders",
    path: "/purchase-orders",
    permission: "procurement.read",
    group: "main",
    icon: ClipboardList,
    summary: "Budgets committed with suppliers and how much is used",
  },
  {
    id: "quantity-surveys",
    label: "Quantity surveys",
    path: "/quantity-surveys",
    permission: "procurement.read",
    group: "main",
    icon: Ruler,
    summary: "Valuations of work done against purchase orders",
  },
  {
    id: "sync",
    label: "Sync",
    path: "/admin/sync",
    permission: "sync.read",
    group: "main",
    icon: RefreshCw,
    summary: "Syncs from Xero and Xero Practice Manager",
  },
  {
    id: "imports",
    label: "Imports",
    path: "/imports",
    permission: "imports.run",
    group: "main",
    icon: FileSpreadsheet,
    summary: "Purchase orders and quantity surveys from Excel",
  },
  {
    id: "alerts",
    label: "Alerts",
    path: "/alerts",
    permission: "alerts.read",
    group: "main",
    icon: Bell,
    summary: "Budget alerts on purchase orders",
    badge: "openAlerts",
  },
  {
    id: "users",
    label: "Users",
    path: "/settings/users",
    permission: "members.read",
    group: "settings",
    icon: Users,
    summary: "Members, invitations and roles",
  },
  {
    id: "roles",
    label: "Roles",
    path: "/settings/roles",
    permission: "members.read",
    group: "settings",
    icon: KeyRound,
    summary: "What each role may see and do",
  },
  {
    id: "organization",
    label: "Organization",
    path: "/settings/organization",
    permission: "org.manage",
    group: "settings",
    icon: Building2,
    summary: "Name, time zone, currency and thresholds",
  },
  {
    id: "integrations",
    label: "Integrations",
    path: "/settings/integrations",
    permission: "integrations.manage",
    group: "settings",
    icon: Plug,
    summary: "Connect Xero and Xero Practice Manager",
  },
  {
    id: "billing",
    label: "Billing",
    path: "/settings/billing",
    permission: "org.manage",
    group: "settings",
    icon: CreditCard,
    summary: "Plan and invoices (not available yet)",
  },
  {
    id: "audit",
    label: "Audit log",
    path: "/settings/audit",
    permission: "audit.read",
    group: "settings",
    icon: ScrollText,
    summary: "Security and administrative events",
  },
  {
    id: "dashboard-settings",
    label: "Dashboard settings",
    path: "/settings/dashboards",
    permission: "dashboards.manage",
    group: "settings",
    icon: LayoutDashboard,
    summary: "Which dashboards exist, their order and who sees them",
  },
  { id: "profile", label: "Profile", path: "/profile", group: "account", icon: UserRound, summary: "Your details and password" },
];

export const NAV_GROUP_LABELS: Record<NavItem["group"], string | undefined> = { main: undefined, settings: "Settings", account: undefined };

/** The items a role may use, in menu order. */
export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || can(role, item.permission));
}

export function navItem(id: NavItemId): NavItem {
  const item = NAV_ITEMS.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`Unknown navigation item: ${id}`);
  return item;
}

export function navHref(org: string, item: Pick<NavItem, "path">): string {
  return `/${org}${item.path}`;
}
