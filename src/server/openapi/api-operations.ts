import { z, type ZodType } from "zod";
import { loginSchema, passwordResetSchema, passwordUpdateSchema } from "@/lib/auth-schemas";
import { acceptInvitationSchema, inviteSchema, listAuditQuery, listMembersQuery, updateMemberSchema, updateOrganizationSchema } from "@/lib/admin-schemas";
import { dashboardConfigUpdateSchema, dashboardDataQuerySchema } from "@/lib/dashboard-schemas";
import { callbackQuerySchema, connectQuerySchema } from "@/lib/integration-schemas";
import { syncHistoryQuery, triggerSyncSchema } from "@/lib/sync-schemas";
import { askSchema, assistantSettingsSchema } from "@/lib/assistant-schemas";
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
  { method: "get", path: "/api/integrations", summary: "The organization's Xero and XPM connections: status, tenant, token expiry, last success and error, pause; and whether Xero is configured", auth: "user", permission: "sync.read", responses: { 200: "{items, xeroConfigured}" } },
  { method: "get", path: "/api/integrations/xero/connect", summary: "Start connecting Xero (provider=xero) or XPM (provider=xpm): redirects to Xero's consent page; the organization comes from X-Org-Id or ?org= (a browser navigation); 503 when Xero is not configured", auth: "user", permission: "integrations.manage", org: true, query: connectQuerySchema, responses: { 302: "Redirect to Xero" } },
  { method: "get", path: "/api/integrations/xero/callback", summary: "Xero's redirect after consent: checks and consumes the state (400 INVALID_TOKEN when missing, unknown, used or expired), stores the encrypted tokens and one connection per chosen tenant, then redirects to the organization's integrations page with ?connected=N, or ?error=…&code=… (declined, Xero unreachable, no tenant of the right type)", auth: "user", query: callbackQuerySchema, responses: { 302: "Redirect to /{org}/settings/integrations" } },
  { method: "delete", path: "/api/integrations/{id}", summary: "Disconnect a connection: it stops syncing, queued runs are cancelled, its tokens are dropped when no other connection shares them, and Xero is asked to remove it (best effort)", auth: "user", permission: "integrations.manage", responses: { 200: "{integration, removedInXero}" } },
  { method: "post", path: "/api/webhooks/xero", summary: "Xero webhook deliveries and Intent to Receive, signed with x-xero-signature (HMAC-SHA256 of the raw body); events stored once and a targeted sync requested", auth: "webhook", responses: { 200: "Empty body: verified (401 with an empty body when the signature is missing or wrong)" } },
  { method: "get", path: "/api/sync/status", summary: "The organization's Xero/XPM connections, each with its queued or running sync (progress) and its last finished sync", auth: "user", permission: "sync.read", responses: { 200: "{connections, now}" } },
  { method: "post", path: "/api/sync/trigger", summary: "Start a manual sync of one connection ({connectionId}) or of every connected one; a connection already syncing returns its run (created: false); 409 when it needs a reconnect", auth: "user", permission: "sync.run", body: triggerSyncSchema, responses: { 202: "{runs: [{connectionId, runId, jobId, created, run}]}" } },
  { method: "get", path: "/api/sync/history", summary: "Sync runs, newest first, paged; filter by connection and status", auth: "user", permission: "sync.read", query: syncHistoryQuery, responses: { 200: "A page of runs" } },
  { method: "get", path: "/api/sync/health", summary: "Per connection: age of the last success, error rate (last 20 finished runs, last 24 h), Xero rate-limit headroom, token expiry and refresh-token age, pause", auth: "user", permission: "sync.read", responses: { 200: "{connections, now}" } },
  { method: "get", path: "/api/sync/runs/{id}", summary: "One sync run: status, progress, counts, pages, API calls, error", auth: "user", permission: "sync.read", responses: { 200: "The run" } },
  { method: "post", path: "/api/assistant/ask", summary: "Ask XeroPulse a question about the organization's figures ({question, conversationId?}): answered from the metric catalog as the caller (the model planner when the organization opted in, else the rules planner); with Accept: text/event-stream the same answer as server-sent events (start, plan, data, text, replace, done, error); 429 with Retry-After over ASSISTANT_MAX_PER_HOUR", auth: "user", permission: "dashboards.view", body: askSchema, responses: { 200: "{conversationId, messageId, answer: {kind, text, chart, table: {columns, rows}, definition, followUps, planner, plan, notes}}" } },
  { method: "get", path: "/api/assistant/conversations", summary: "The caller's own conversations in the organization, most recent first", auth: "user", permission: "dashboards.view", responses: { 200: "{conversations}" } },
  { method: "get", path: "/api/assistant/conversations/{id}", summary: "One of the caller's conversations with its questions and answers (404 for anybody else's)", auth: "user", permission: "dashboards.view", responses: { 200: "The conversation" } },
  { method: "delete", path: "/api/assistant/conversations/{id}", summary: "Delete one of the caller's conversations", auth: "user", permission: "dashboards.view", responses: { 204: "Deleted" } },
  { method: "get", path: "/api/assistant/settings", summary: "Whether a model is configured (and where), and whether the organization opted in", auth: "user", permission: "org.manage", responses: { 200: "{modelConfigured, modelEnabled, model, endpointHost}" } },
  { method: "patch", path: "/api/assistant/settings", summary: "Opt the organization in or out of sending questions and metric results to the configured model ({modelEnabled})", auth: "user", permission: "org.manage", body: assistantSettingsSchema, responses: { 200: "The settings after the change" } },
  { method: "get", path: "/api/openapi.json", summary: "This document", auth: "public", responses: { 200: "OpenAPI 3.1 document" } },
];
