import { otherMethods } from "@/server/http/other-methods";
import { deliverAlertNotifications } from "@/server/alerts/deliver-alert-notifications";
import { isCronSecret } from "@/server/alerts/is-cron-secret";
import { route } from "@/server/http/route";

/**
 * pg_cron's call (every minute, on Supabase with JOBS_RUNNER=edge): sends the alert emails the
 * alert-evaluate Edge Function recorded, which needs Node to render them. Bearer JOBS_CRON_SECRET.
 */
export const POST = route({ auth: "job", verify: (req) => isCronSecret(req.headers.get("authorization")) }, () => deliverAlertNotifications());

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
