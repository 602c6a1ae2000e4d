import { Building2 } from "lucide-react";
import { redirect } from "next/navigation";

import { LogoutButton } from "@/components/auth/logout-button";
import { Brand } from "@/components/brand";
import { ThemeToggle } from "@/components/theme-toggle";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { getClaims, requireViewer } from "@/server/auth/current-user";

export default async function HomePage() {
  if (!(await getClaims())) redirect("/login");
  const viewer = await requireViewer();
  const first = viewer.organizations[0];
  if (first) redirect(`/${first.slug}`);

  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex h-14 items-center justify-between border-b px-4">
        <Brand />
        <ThemeToggle />
      </header>
      <main className="flex flex-1 items-center justify-center px-4 py-12">
        <Card className="w-full max-w-md">
          <CardHeader>
            <span className="mb-2 inline-flex size-10 items-center justify-center rounded-full bg-muted">
              <Building2 aria-hidden="true" className="size-5 text-muted-foreground" />
            </span>
            <CardTitle asChild>
              <h1>You are not a member of any organization yet</h1>
            </CardTitle>
            <CardDescription>
              You are signed in as <strong className="text-foreground">{viewer.user.email}</strong>, but no organization has
              added you. Ask an admin of your organization to invite you; the invitation arrives by email.
            </CardDescription>
          </CardHeader>
          <CardContent className="text-sm text-muted-foreground">
            If you were removed from an organization by mistake, its admins can add you again.
          </CardContent>
          <CardFooter>
            <LogoutButton />
          </CardFooter>
        </Card>
      </main>
    </div>
  );
}
