import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { DemoAccounts } from "@/components/auth/demo-accounts";
import { LoginForm } from "@/components/auth/login-form";
import { MfaChallengeCard } from "@/components/mfa/mfa-challenge-card";
import { ROLE_LABELS } from "@/lib/role-labels";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { safeNextPath } from "@/lib/auth-schemas";
import { getClaims } from "@/server/auth/current-user";
import { config, signupMode } from "@/server/config";
import { assuranceLevel } from "@/server/mfa/assurance-level";
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD } from "@/server/demo/demo-organizations";

export const metadata: Metadata = { title: "Log in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function demoAccountsShown(): boolean {
  const env = config();
  // The embedded database seeds the demo accounts itself when SEED_DEMO is on.
  return env.NODE_ENV !== "production" || (env.SEED_DEMO && !env.DATABASE_URL);
}

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = typeof params.next === "string" ? params.next : undefined;
  const claims = await getClaims();
  if (claims) {
    // Password accepted, second factor owed: this page asks for the code.
    const level = await assuranceLevel(claims);
    if (!(level.currentLevel === "aal1" && level.nextLevel === "aal2")) redirect(safeNextPath(next));
    return <MfaChallengeCard next={next} />;
  }

  const accounts = DEMO_ORGANIZATIONS.flatMap((org) =>
    org.members.map((member) => ({ email: member.email, role: ROLE_LABELS[member.role], org: org.name })),
  );

  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h1 className="text-xl">Log in to XeroPulse</h1>
          </CardTitle>
          <CardDescription>Use the email address your organization invited.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {params.account === "deleted" ? (
            <Alert variant="success">
              <AlertDescription>Your account was deleted.</AlertDescription>
            </Alert>
          ) : null}
          {params.error === "callback" ? (
            <Alert variant="destructive">
              <AlertDescription>That sign-in link could not be used; it may have expired. Log in again.</AlertDescription>
            </Alert>
          ) : null}
          <LoginForm next={next} />
          {signupMode() === "open" ? (
            <p className="text-center text-sm text-muted-foreground">
              New to XeroPulse?{" "}
              <Link href="/signup" className="font-medium text-foreground underline-offset-4 hover:underline">
                Create an account
              </Link>
            </p>
          ) : null}
        </CardContent>
      </Card>
      {demoAccountsShown() ? <DemoAccounts accounts={accounts} password={DEMO_PASSWORD} /> : null}
    </>
  );
}
