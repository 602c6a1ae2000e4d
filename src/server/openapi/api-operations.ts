import { z, type ZodType } from "zod";
import { loginSchema, passwordResetSchema, passwordUpdateSchema } from "@/lib/auth-schemas";
import { acceptInvitationSchema, inviteSchema, listAuditQuery, listMembersQuery, updateMemberSchema, updateOrganizationSchema } from "@/lib/admin-schemas";
import { dashboardConfigUpdateSchema, dashboardDataQuerySchema } from "@/lib/dashboard-schemas";
import type { Permission } from "@/lib/permissions";

/**
 * Every API operation, with the same zod schemas its route uses. /api/openapi.json is generated
 * from this list, and a test checks that every route file under src/app/api appears here.
 */
export interface ApiOperation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  auth: "user" | "public" | "webhook" | "job";
  permission?: Permission;
  org?: boolean;
  body?: ZodType;
  query?: ZodType;
  /** Status → description of the successful answers (errors are documented once, for all). */
  responses: Record<number, string>;
}

export const API_OPERATIONS: ApiOperation[] = [
  { method: "post", path: "/api/auth/login", summary: "Sign in with email and password", auth: "public", body: loginSchema, responses: { 200: "The user and their organizations; session cookies set" } },
  { method: "post", path: "/api/auth/logout", summary: "Sign out; the session's tokens are rejected from now on", auth: "public", responses: { 204: "Signed out" } },
  { method: "post", path: "/api/auth/refresh", summary: "Rotate the refresh token and issue a new access token", auth: "public", responses: { 200: "New session cookies set" } },
  { method: "post", path: "/api/auth/password-reset", summary: "Email a password reset link (always 202)", auth: "public", body: passwordResetSchema, responses: { 202: "Accepted" } },
  { method: "post", path: "/api/auth/password-update", summary: "Set a new password with a reset token, or as the signed-in user with the current password", auth: "public", body: passwordUpdateSchema, responses: { 200: "Password changed" } },
  { method: "get", path: "/api/auth/callback", summary: "Supabase OAuth/PKCE callback; redirects to a same-origin path", auth: "public", query: z.object({ code: z.string().optional(), next: z.string().optional() }), responses: { 303: "Redirect" } },
  { method: "get", path: "/api/me", summary: "The signed-in user and their organizations", auth: "user", responses: { 200: "Profile" } },
  { method: "get", path: "/api/health", summary: "Liveness", auth: "public", responses: { 200: "Healthy", 503: "Degraded" } },
  { method: "get", path: "/api/health/detailed", summary: "Database reachability, migration version and the job queue (backlog, oldest due job, failures) (admins)", auth: "user", permission: "org.manage", responses: { 200: "Healthy", 503: "Degraded" } },
  { method: "get", path: "/api/jobs/{id}", summary: "A background job of the organization: status, progress, attempts, error, result", auth: "user", org: true, responses: { 200: "The job" } },
  { method: "get", path: "/api/dashboards", summary: "The dashboards the caller may open, in order", auth: "user", permission: "dashboards.view", responses: { 200: "Dashboards" } },
  { method: "get", path: "/api/dashboards/config", summary: "Every dashboard of the organization with its configuration", auth: "user", permission: "dashboards.manage", responses: { 200: "Dashboards" } },
  { method: "put", path: "/api/dashboards/config", summary: "Enable/disable, order, allowed roles and kind of the organization's dashboards", auth: "user", permission: "dashboards.manage", body: dashboardConfigUpdateSchema, responses: { 200: "Saved configuration" } },
  { method: "get", path: "/api/dashboards/{id}/data", summary: "A native dashboard's figures for a date range (from/to ISO dates) and filters", auth: "user", permission: "dashboards.view", query: dashboardDataQuerySchema, responses: { 200: "Dashboard data" } },
  { method: "get", path: "/api/dashboards/{id}/access", summary: "Who may open a dashboard and whether the caller may", auth: "user", permission: "dashboards.view", responses: { 200: "Access" } },
  { method: "post", path: "/api/dashboards/{id}/refresh", summary: "Recompute the rollups behind a dashboard", auth: "user", permission: "dashboards.view", responses: { 200: "Refreshed" } },
  { method: "post", path: "/api/dashboards/{id}/embed", summary: "A signed Metabase embed URL (at most 10 minutes), locked to the caller's organization", auth: "user", permission: "dashboards.view", responses: { 200: "{embedUrl, expiresAt}" } },
  { method: "get", path: "/api/users/{userId}/dashboards", summary: "The dashboards a member may open (own, or anyone's with members.read)", auth: "user", permission: "dashboards.view", responses: { 200: "Dashboards" } },
  { method: "get", path: "/api/users", summary: "Members of the organization: search, role and status filters, pagination", auth: "user", permission: "members.read", query: listMembersQuery, responses: { 200: "A page of members" } },
  { method: "post", path: "/api/users", summary: "Invite somebody (same as POST /api/users/invite)", auth: "user", permission: "members.manage", body: inviteSchema, responses: { 201: "Invitation created and emailed" } },
  { method: "post", path: "/api/users/invite", summary: "Invite an email with a role; 409 if already a member or invited, 429 with Retry-After over the hourly limit", auth: "user", permission: "members.manage", body: inviteSchema, responses: { 201: "Invitation created and emailed" } },
  { method: "get", path: "/api/users/{userId}", summary: "One member", auth: "user", permission: "members.read", responses: { 200: "The member" } },
  { method: "patch", path: "/api/users/{userId}", summary: "Change a member's role ({role}) or status ({status}); rank rules and the last-admin guard apply", auth: "user", permission: "members.manage", body: updateMemberSchema, responses: { 200: "The member after the change" } },
  { method: "delete", path: "/api/users/{userId}", summary: "Remove a member from the organization", auth: "user", permission: "members.manage", responses: { 204: "Removed" } },
  { method: "get", path: "/api/invitations", summary: "Invitations of the organization (pending first)", auth: "user", permission: "members.read", query: z.object({ includeClosed: z.enum(["true", "false"]).optional() }), responses: { 200: "Invitations" } },
  { method: "get", path: "/api/invitations/{key}", summary: "Public: the invitation behind a link token (organization name, email, role, state)", auth: "public", responses: { 200: "The invitation" } },
  { method: "delete", path: "/api/invitations/{key}", summary: "Revoke a pending invitation (key: the invitation id)", auth: "user", permission: "members.manage", responses: { 204: "Revoked" } },
  { method: "post", path: "/api/invitations/{key}/resend", summary: "Send a pending invitation again with a new link and expiry (key: the invitation id)", auth: "user", permission: "members.manage", responses: { 200: "Resent" } },
  { method: "post", path: "/api/invitations/{key}/accept", summary: "Accept an invitation (key: the link token): signed in, or signed out with {name, password}", auth: "public", body: acceptInvitationSchema, responses: { 200: "Joined; signed in" } },
  { method: "get", path: "/api/audit", summary: "The organization's audit log with actor, action and date filters; format=csv exports it", auth: "user", permission: "audit.read", query: listAuditQuery, responses: { 200: "A page of events, or text/csv" } },
  { method: "get", path: "/api/organization", summary: "The organization's settings", auth: "user", permission: "org.manage", responses: { 200: "Settings" } },
  { method: "patch", path: "/api/organization", summary: "Change name, slug, time zone, currency or alert thresholds", auth: "user", permission: "org.manage", body: updateOrganizationSchema, responses: { 200: "Settings after the change" } },
  { method: "get", path: "/api/roles", summary: "The role × permission matrix, from the database", auth: "user", permission: "members.read", responses: { 200: "Roles with their permissions" } },
  { method: "get", path: "/api/openapi.json", summary: "This document", auth: "public", responses: { 200: "OpenAPI 3.1 document" } },
];
