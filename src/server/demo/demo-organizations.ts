import type { Role } from "@/lib/permissions";

/**
 * The demo's organizations and accounts, apart from the seeder so the login page can list them
 * without pulling the data generator into its module graph.
 */

/** Written in the README: every demo account uses it. */
export const DEMO_PASSWORD = "xeropulse-demo";

export interface DemoOrganization {
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  members: { email: string; name: string; role: Role }[];
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    slug: "acme",
    name: "Acme Advisory",
    timezone: "Pacific/Auckland",
    currency: "NZD",
    members: [
      { email: "admin@acme.test", name: "Ada Admin", role: "admin" },
      { email: "executive@acme.test", name: "Eve Executive", role: "executive" },
      { email: "finance@acme.test", name: "Fin Finance", role: "finance" },
      { email: "operator@acme.test", name: "Otto Operator", role: "operator" },
      { email: "staff@acme.test", name: "Sam Staff", role: "staff" },
    ],
  },
  {
    slug: "globex",
    name: "Globex Partners",
    timezone: "Australia/Sydney",
    currency: "AUD",
    members: [{ email: "admin@globex.test", name: "Gabe Globex", role: "admin" }],
  },
];
