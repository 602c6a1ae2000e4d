import { NextResponse } from "next/server";
import { checkHealthDetailed } from "@/server/health/health-service";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";

// An organization's admins (org.manage) see the database and their own organization's jobs; the
// process-wide figures are at /api/health/deployment, for the deployment's operators.
export const GET = route({ auth: "user", permission: "org.manage" }, async ({ db, org }) => {
  const health = await checkHealthDetailed({ kind: "organization", orgId: org.id, db });
  return NextResponse.json(health, { status: health.status === "ok" ? 200 : 503 });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
