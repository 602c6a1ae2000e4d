import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { SetupForm } from "@/components/onboarding/setup-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { setupNeeded } from "@/server/onboarding/setup-needed";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up XeroPulse", robots: { index: false } };

/** First-run setup: exists only while no user does. */
export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await setupNeeded())) notFound();
  const { token } = await searchParams;
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1 className="text-xl">Set up XeroPulse</h1>
        </CardTitle>
        <CardDescription>Create your organization and its first admin. You can invite your colleagues next.</CardDescription>
      </CardHeader>
      <CardContent>
        <SetupForm token={typeof token === "string" ? token : undefined} />
      </CardContent>
    </Card>
  );
}
