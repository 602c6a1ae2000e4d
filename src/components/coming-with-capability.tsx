import { ArrowRight } from "lucide-react";
import Link from "next/link";

import { navHref, navItem, type NavItemId } from "@/components/app-shell/nav-items";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/**
 * The page of a section whose capability is not built yet: its header, and an empty state that
 * says which capability brings it. Texts come from the navigation definition.
 */
export function ComingWithCapability({ org, id }: { org: string; id: NavItemId }) {
  const item = navItem(id);
  const Icon = item.icon;
  const capability = item.capability ?? { lead: `${item.label} arrives`, name: item.label, brings: item.summary.toLowerCase() };
  return (
    <>
      <PageHeader title={item.label} description={item.summary} />
      <Card className="items-center border-dashed py-12 text-center">
        <span className="inline-flex size-12 items-center justify-center rounded-full bg-muted">
          <Icon aria-hidden="true" className="size-6 text-muted-foreground" />
        </span>
        <CardHeader className="max-w-lg justify-items-center">
          <CardTitle asChild>
            <h2>Not available yet</h2>
          </CardTitle>
          <CardDescription>
            {capability.lead} with the <strong className="text-foreground">{capability.name}</strong> capability:{" "}
            {capability.brings}.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Button variant="outline" asChild>
            <Link href={navHref(org, navItem("overview"))}>
              Back to the overview
              <ArrowRight aria-hidden="true" />
            </Link>
          </Button>
        </CardContent>
      </Card>
    </>
  );
}
