import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { devMailboxEnabled } from "@/server/email/dev-mailbox-enabled";
import { SignupForm } from "@/components/onboarding/signup-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getClaims } from "@/server/auth/current-user";
import { signupMode } from "@/server/config";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign up" };

export default async function SignupPage() {
  if (await getClaims()) redirect("/");
  if (signupMode() !== "open") {
    return (
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h1 className="text-xl">Sign-up is closed</h1>
          </CardTitle>
          <CardDescription>This XeroPulse server is by invitation only. Ask an admin of your organization to invite you; the invitation arrives by email.</CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild variant="outline" className="w-full">
            <Link href="/login">Go to log in</Link>
          </Button>
        </CardContent>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1 className="text-xl">Create your account</h1>
        </CardTitle>
        <CardDescription>An account for you and a new organization for your firm, which you administer.</CardDescription>
      </CardHeader>
      <CardContent>
        <SignupForm mailboxHref={devMailboxEnabled() ? "/dev/mailbox" : undefined} />
      </CardContent>
    </Card>
  );
}
