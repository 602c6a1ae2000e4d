import { NextResponse } from "next/server";
import { checkHealthDetailed } from "@/server/health/health-service";
import { route } from "@/server/http/route";

// Operational detail is for the admins of an organization (org.manage), not for every member.
export const GET = route({ auth: "user", permission: "org.manage" }, async () => {
  const health = await checkHealthDetailed();
  return NextResponse.json(health, { status: health.status === "ok" ? 200 : 503 });
});
