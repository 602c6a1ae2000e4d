import { z, type ZodType } from "zod";
import { loginSchema, passwordResetSchema, passwordUpdateSchema } from "@/lib/auth-schemas";
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
  { method: "get", path: "/api/health/detailed", summary: "Database reachability and migration version (admins)", auth: "user", permission: "org.manage", responses: { 200: "Healthy", 503: "Degraded" } },
  { method: "get", path: "/api/openapi.json", summary: "This document", auth: "public", responses: { 200: "OpenAPI 3.1 document" } },
];
