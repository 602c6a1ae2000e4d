import { NextResponse } from "next/server";
import { checkHealth } from "@/server/health/health-service";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";

export const GET = route({ auth: "public" }, async () => {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.status === "ok" ? 200 : 503 });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
