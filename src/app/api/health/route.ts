import { NextResponse } from "next/server";
import { checkHealth } from "@/server/health/health-service";
import { route } from "@/server/http/route";

export const GET = route({ auth: "public" }, async () => {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.status === "ok" ? 200 : 503 });
});
