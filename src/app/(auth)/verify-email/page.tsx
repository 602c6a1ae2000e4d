import type { Metadata } from "next";
import Link from "next/link";

import { VerifyEmailForm } from "@/components/onboarding/verify-email-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { verificationTokenSchema } from "@/lib/onboarding-schemas";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Confirm your email", robots: { index: false } };

/** The page behind a sign-up's confirmation link. */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const valid = typeof token === "string" && verificationTokenSchema.safeParse(token).success;
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1 className="text-xl">{valid ? "Confirm your email address" : "This confirmation link is not valid"}</h1>
        </CardTitle>
        <CardDescription>
          {valid
            ? "One click, and your account and organization are created."
            : "Check that you opened the whole link from the email, or sign up again."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {valid ? (
          <VerifyEmailForm token={token} />
        ) : (
          <Button asChild variant="outline" className="w-full">
            <Link href="/signup">Sign up again</Link>
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
