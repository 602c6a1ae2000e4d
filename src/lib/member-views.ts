import type { Role } from "./permissions";

/** What the /api/users routes answer (timestamps as ISO strings), for the services and the Users page. */
export type MemberStatus = "active" | "deactivated";

export interface MemberView {
  userId: string;
  email: string;
  fullName: string;
  role: Role;
  status: MemberStatus;
  lastSignInAt: string | null;
  joinedAt: string;
}

/** GET /api/users: one page of the filtered list, with the count of every match. */
export interface MemberPageView {
  items: MemberView[];
  total: number;
  page: number;
  pageSize: number;
}

/** PATCH /api/users/{userId}: one change at a time. */
export type MemberChange = { role: Role } | { status: MemberStatus };
