import { ArrowRight, FileSpreadsheet, Plug, Users } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Permission } from "@/lib/permissions";

interface Step {
  icon: typeof Plug;
  title: string;
  body: string;
  /** The page to go to, when the viewer's role may use it; otherwise `instead` explains who can. */
  href?: string;
  action: string;
  instead: string;
}

/**
 * The home page of an organization that holds no synced data yet (a new one): its two ways in,
 * connecting Xero or importing a spreadsheet, and inviting the team. Each step links to its page
 * when the viewer's role may use it, and says who can otherwise.
 */
export function StartPage({ org, permissions }: { org: { slug: string; name: string }; permissions: readonly Permission[] }) {
  const may = (p: Permission) => permissions.includes(p);
  const steps: Step[] = [
    {
      icon: Plug,
      title: "Connect Xero",
      body: "Connect your Xero organization (and Xero Practice Manager) to sync invoices, payments, contacts, jobs and time. The dashboards fill in after the first sync.",
      href: may("integrations.manage") ? `/${org.slug}/settings/integrations` : undefined,
      action: "Connect Xero",
      instead: "An admin connects Xero in Settings › Integrations.",
    },
    {
      icon: FileSpreadsheet,
      title: "Import a spreadsheet",
      body: "Bring purchase orders and quantity surveys in from Excel, checked row by row before anything is saved.",
      href: may("imports.run") ? `/${org.slug}/imports` : undefined,
      action: "Import a spreadsheet",
      instead: "Admins, finance and operators can run imports.",
    },
    {
      icon: Users,
      title: "Invite your team",
      body: "Each colleague gets an email invitation and a role that decides what they see.",
      href: may("members.manage") ? `/${org.slug}/settings/users` : undefined,
      action: "Invite people",
      instead: "Admins and executives invite people.",
    },
  ];

  return (
    <section aria-labelledby="start-heading" className="grid gap-4" data-testid="start-page">
      <div className="grid gap-1">
        <h2 id="start-heading" className="text-lg font-semibold tracking-tight">
          Get {org.name} started: connect Xero or import a spreadsheet
        </h2>
        <p className="text-sm text-muted-foreground">There is no data here yet. Start with one of these; this page changes once data arrives.</p>
      </div>
      <ul className="grid gap-4 md:grid-cols-3">
        {steps.map((step) => (
          <li key={step.title}>
            <StepCard step={step} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function StepCard({ step }: { step: Step }): ReactNode {
  const Icon = step.icon;
  return (
    <Card className="h-full">
      <CardHeader>
        <span className="mb-1 inline-flex size-9 items-center justify-center rounded-full bg-muted">
          <Icon aria-hidden="true" className="size-4 text-muted-foreground" />
        </span>
        <CardTitle asChild>
          <h3>{step.title}</h3>
        </CardTitle>
        <CardDescription>{step.body}</CardDescription>
      </CardHeader>
      <CardContent className="mt-auto">
        {step.href ? (
          <Link
            href={step.href}
            className="inline-flex items-center gap-1 text-sm font-medium underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden"
          >
            {step.action}
            <ArrowRight aria-hidden="true" className="size-4" />
          </Link>
        ) : (
          <p className="text-sm text-muted-foreground">{step.instead}</p>
        )}
      </CardContent>
    </Card>
  );
}
