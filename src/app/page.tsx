import { Building2, Plus } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";

import { LogoutButton } from "@/components/auth/logout-button";
import { Brand } from "@/components/brand";
import { DeletedOrganizations } from "@/components/orgs/deleted-organizations";
import { ThemeToggle } from "@/components/theme-toggle";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { getClaims, requireViewer } from "@/server/auth/current-user";
import { config } from "@/server/config";

/**
 * Where a signed-in user starts: their first organization. Without one (or right after deleting
 * one, `?deleted=<slug>`) it lists what they can do: open another organization, create one, or
 * restore one they deleted.
 */
export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await getClaims())) redirect("/login");
  const viewer = await requireViewer();
  const { deleted } = await searchParams;
  const first = viewer.organizations[0];
  if (first && typeof deleted !== "string") redirect(`/${first.slug}`);
  const canCreate = config().ORG_CREATION === "any";

  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex h-14 items-center justify-between border-b px-4">
        <Brand />
        <ThemeToggle />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 py-12 sm:items-center">
        <div className="grid w-full max-w-md gap-4">
          {typeof deleted === "string" ? (
            <Alert variant="success">
              <AlertTitle>The organization was deleted</AlertTitle>
              <AlertDescription>Its members no longer see it. You can restore it below until it is purged.</AlertDescription>
            </Alert>
          ) : null}
          <Card>
            <CardHeader>
              <span className="mb-2 inline-flex size-10 items-center justify-center rounded-full bg-muted">
                <Building2 aria-hidden="true" className="size-5 text-muted-foreground" />
              </span>
              <CardTitle asChild>
                <h1>{viewer.organizations.length ? "Your organizations" : "You are not a member of any organization yet"}</h1>
              </CardTitle>
              <CardDescription>
                You are signed in as <strong className="text-foreground">{viewer.user.email}</strong>.{" "}
                {viewer.organizations.length
                  ? "Open one of them:"
                  : `Ask an admin of your organization to invite you; the invitation arrives by email.${canCreate ? " Or create your own." : ""}`}
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-2 text-sm">
              {viewer.organizations.length ? (
                <ul className="grid gap-2">
                  {viewer.organizations.map((org) => (
                    <li key={org.slug}>
                      <Link href={`/${org.slug}`} className="block rounded-md border px-3 py-2 font-medium hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden">
                        {org.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-muted-foreground">If you were removed from an organization by mistake, its admins can add you again.</p>
              )}
            </CardContent>
            <CardFooter className="flex flex-wrap gap-2">
              {canCreate ? (
                <Button asChild>
                  <Link href="/organizations/new">
                    <Plus aria-hidden="true" />
                    New organization
                  </Link>
                </Button>
              ) : null}
              <LogoutButton />
            </CardFooter>
          </Card>
          <DeletedOrganizations />
        </div>
      </main>
    </div>
  );
}
