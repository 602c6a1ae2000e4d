import { NextResponse } from "next/server";
import { checkHealthDetailed } from "@/server/health/health-service";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";

// Every organization's job backlog and failures: for the deployment's operators only (the
// X-Operator-Token header, or a signed-in user listed in OPERATOR_EMAILS), e.g. a monitor.
export const GET = route({ auth: "operator" }, async () => {
  const health = await checkHealthDetailed({ kind: "deployment" });
  return NextResponse.json(health, { status: health.status === "ok" ? 200 : 503 });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
