import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { LogoutButton } from "@/components/auth/logout-button";
import { MfaSetup } from "@/components/mfa/mfa-setup";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { safeNextPath } from "@/lib/auth-schemas";
import { requireViewer } from "@/server/auth/current-user";
import { assuranceLevel } from "@/server/mfa/assurance-level";

export const metadata: Metadata = { title: "Set up two-factor sign-in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Where a member lands when their organization requires two factors of their role and they have none. */
export default async function MfaSetupPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = typeof params.next === "string" ? params.next : undefined;
  const viewer = await requireViewer();
  if ((await assuranceLevel(viewer.claims)).nextLevel === "aal2") redirect(safeNextPath(next));
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1 className="text-xl">Set up two-factor sign-in</h1>
        </CardTitle>
        <CardDescription>
          Your organization requires it for your role. You will need an authenticator app on your phone; from now on, you sign in with your
          password and a code from the app.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <MfaSetup next={next} />
        <LogoutButton className="justify-self-start" />
      </CardContent>
    </Card>
  );
}
