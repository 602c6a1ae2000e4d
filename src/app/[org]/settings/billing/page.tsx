import { CreditCard } from "lucide-react";
import type { Metadata } from "next";

import { PageHeader } from "@/components/page-header";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { requireOrg } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Billing" };

/** Billing automation is out of scope (README); public.subscriptions keeps its place. */
export default async function BillingPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  await requireOrg(slug, "org.manage");
  return (
    <>
      <PageHeader title="Billing" description="Plan, payment method and invoices." />
      <Card className="items-center gap-3 py-12 text-center">
        <CreditCard aria-hidden="true" className="size-8 text-muted-foreground" />
        <CardTitle asChild>
          <h2>Billing is not available yet</h2>
        </CardTitle>
        <CardDescription className="max-w-md">
          XeroPulse does not bill through the app yet. Your organization keeps full access in the meantime; nothing is charged.
        </CardDescription>
      </Card>
    </>
  );
}
