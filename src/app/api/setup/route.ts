import { otherMethods } from "@/server/http/other-methods";
import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { notFound } from "@/server/http/app-error";
import { completeSetup } from "@/server/onboarding/complete-setup";
import { setupNeeded } from "@/server/onboarding/setup-needed";
import type { SetupStatusView } from "@/lib/onboarding-views";
import { setupBody } from "@/lib/onboarding-schemas";

/** First-run setup: only while no user exists; 404 from then on. */
export const GET = route({ auth: "public" }, async (): Promise<SetupStatusView> => {
  if (!(await setupNeeded())) throw notFound("Setup");
  return { needed: true };
});

/** Creates the first organization and its admin with the one-time token, and signs the admin in. */
export const POST = route({ auth: "public", body: setupBody }, async ({ body, cookies, meta }) => {
  const { token, ...input } = body;
  const done = await completeSetup(input, { via: "setup", token, cookies, meta });
  return NextResponse.json(done, { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
