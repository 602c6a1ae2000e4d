import "server-only";
import { recordSystemAuditEvent } from "@/server/audit/record-system-audit-event";
import type { RequestMeta } from "@/server/db";
import type { CookieJar } from "./auth-provider";
import { getAuthProvider } from "./get-auth-provider";

export async function logout(jar: CookieJar, meta: RequestMeta): Promise<void> {
  const provider = await getAuthProvider();
  const claims = await provider.getClaims(jar);
  await provider.signOut(jar, meta);
  if (claims) await recordSystemAuditEvent({ action: "auth.logout", actorType: "user", actorUserId: claims.sub, meta });
}
