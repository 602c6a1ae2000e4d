import type { Metadata } from "next";
import { connection } from "next/server";

import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { devMailboxEnabled } from "@/server/email/dev-mailbox-enabled";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage() {
  // Read the environment per request, not once at build time.
  await connection();
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1 className="text-xl">Forgot your password?</h1>
        </CardTitle>
        <CardDescription>Enter the email address you log in with and we will send you a link to choose a new password.</CardDescription>
      </CardHeader>
      <CardContent>
        <ForgotPasswordForm mailboxHref={devMailboxEnabled() ? "/dev/mailbox" : undefined} />
      </CardContent>
    </Card>
  );
}
