import type { Permission } from "@/lib/permissions";

/** Each permission in plain words, as the Overview page lists them ("You can …"). */
export const PERMISSION_DESCRIPTIONS: Record<Permission, string> = {
  "org.manage": "Change the organization's name, time zone, currency and other settings",
  "integrations.manage": "Connect and disconnect Xero and Xero Practice Manager",
  "dashboards.manage": "Set up dashboards and choose which roles may see each one",
  "members.read": "See who belongs to the organization and their roles",
  "members.manage": "Invite people, change roles and deactivate members ranked below you",
  "audit.read": "Read the audit log of sign-ins and administrative changes",
  "dashboards.view": "View the dashboards your role is allowed to see",
  "finance.read": "See financial figures: invoices, payments and accounts",
  "procurement.read": "See purchase orders and quantity surveys",
  "alerts.read": "See budget alerts on purchase orders",
  "imports.run": "Import purchase orders and quantity surveys from Excel",
  "alerts.acknowledge": "Acknowledge and resolve budget alerts",
  "sync.read": "See the status, history and health of syncs from Xero and XPM",
  "sync.run": "Start a sync from Xero or XPM by hand",
};
