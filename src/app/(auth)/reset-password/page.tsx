import type { Metadata } from "next";

import { InvalidResetLink } from "@/components/auth/invalid-reset-link";
import { isPlausibleResetToken } from "@/components/auth/is-plausible-reset-token";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1 className="text-xl">Choose a new password</h1>
        </CardTitle>
        <CardDescription>After this you are logged in, and every other session of your account is signed out.</CardDescription>
      </CardHeader>
      <CardContent>{isPlausibleResetToken(value) ? <ResetPasswordForm token={value} /> : <InvalidResetLink />}</CardContent>
    </Card>
  );
}
