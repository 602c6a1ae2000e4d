import { z } from "zod";
import { text } from "./text-schema";
import { emailSchema, newPasswordSchema } from "./auth-schemas";
import { AUDIT_ACTIONS } from "./audit-actions";
import { orgSlugSchema } from "./organization-schemas";
import { ROLES } from "./permissions";

/** Shared by the admin API routes and their forms. */
export const roleSchema = z.enum(ROLES, { message: `Choose one of: ${ROLES.join(", ")}` });
export const memberStatusSchema = z.enum(["active", "deactivated"], { message: "Choose active or deactivated" });

export const userIdParams = z.object({ userId: z.uuid() });
/**
 * `/api/invitations/{key}`: on the public routes (look up, accept) the key is the token from the
 * link, judged by the service (a bad one is INVALID_TOKEN, like an unknown one); on the admin
 * routes (revoke, resend) it is the invitation's id, and anything but a uuid is a 404.
 */
export const invitationTokenParams = z.object({ key: text().min(1).max(128) });
export const invitationIdParams = z.object({ key: z.uuid() });
/** GET /api/invitations: pending only unless includeClosed=true. */
export const listInvitationsQuery = z.object({ includeClosed: z.enum(["true", "false"]).default("false") });
/** 32 random bytes, base64url: exactly 43 characters. Anything else is refused before any lookup. */
export const invitationTokenSchema = text().regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is not valid");

export const listMembersQuery = z.object({
  search: text().trim().max(200).optional(),
  role: roleSchema.optional(),
  status: memberStatusSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

/** Exactly one change per request: the role or the status. */
export const updateMemberBody = z.union([
  z.object({ role: roleSchema }).strict(),
  z.object({ status: memberStatusSchema }).strict(),
], { message: "Send either {role} or {status}" });

export const inviteBody = z.object({ email: emailSchema, role: roleSchema });

export const acceptInvitationBody = z.object({
  name: text().trim().min(1, "Enter your name").max(120, "Use at most 120 characters").optional(),
  password: newPasswordSchema.optional(),
});

const percent = z.coerce.number().gt(0, "Must be above 0").max(1000, "At most 1000");
export const updateOrganizationBody = z
  .object({
    name: text().trim().min(1, "Enter a name").max(120),
    slug: orgSlugSchema,
    timezone: text().refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "Unknown time zone"),
    currency: text().trim().toUpperCase().regex(/^[A-Z]{3}$/, "A three-letter ISO code, e.g. USD"),
    alertWarningPct: percent,
    alertCriticalPct: percent,
    alertOverBudgetPct: percent,
  })
  .partial()
  .refine((o) => Object.keys(o).length > 0, { message: "Nothing to change", path: ["_"] })
  .superRefine((o, ctx) => {
    if (o.alertWarningPct !== undefined && o.alertCriticalPct !== undefined && o.alertWarningPct >= o.alertCriticalPct) {
      ctx.addIssue({ code: "custom", path: ["alertCriticalPct"], message: "Must be above the warning threshold" });
    }
    if (o.alertCriticalPct !== undefined && o.alertOverBudgetPct !== undefined && o.alertCriticalPct > o.alertOverBudgetPct) {
      ctx.addIssue({ code: "custom", path: ["alertOverBudgetPct"], message: "Must be at least the critical threshold" });
    }
  });

const isoDate = z.iso.date("Use YYYY-MM-DD");
export const listAuditQuery = z.object({
  actor: z.uuid().optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  format: z.enum(["json", "csv"]).default("json"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: "The start date is after the end date", path: ["to"] });
