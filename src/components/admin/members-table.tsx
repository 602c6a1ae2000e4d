"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Users } from "lucide-react";
import { useState } from "react";

import { ROLE_LABELS } from "@/lib/role-labels";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { QueryListState } from "@/components/query-list-state";
import { ApiError, api } from "@/lib/api-client";
import { ROLES, ROLE_RANK, type Role } from "@/lib/permissions";
import { formatDate } from "@/lib/format-date";

interface Member {
  userId: string;
  email: string;
  fullName: string;
  role: Role;
  status: "active" | "deactivated";
  lastSignInAt: string | null;
}
interface MemberPage {
  items: Member[];
  total: number;
  page: number;
  pageSize: number;
}

const PAGE_SIZE = 20;

/** Whether the viewer may change this member (the database decides; this only hides what it would refuse). */
function manageable(viewer: { userId: string; role: Role; canManage: boolean }, member: Member): boolean {
  if (!viewer.canManage || member.userId === viewer.userId) return false;
  return viewer.role === "admin" || ROLE_RANK[member.role] < ROLE_RANK[viewer.role];
}

export function MembersTable({ org, viewer, assignable }: { org: string; viewer: { userId: string; role: Role; canManage: boolean }; assignable: readonly Role[] }) {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [role, setRole] = useState("");
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(1);
  const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  if (search.trim()) params.set("search", search.trim());
  if (role) params.set("role", role);
  if (status) params.set("status", status);

  const members = useQuery({
    queryKey: ["members", org, params.toString()],
    queryFn: ({ signal }) => api.get<MemberPage>(`/api/users?${params}`, { orgId: org, signal }),
    placeholderData: keepPreviousData,
  });

  const change = useMutation({
    mutationFn: (input: { userId: string; body: { role: Role } | { status: Member["status"] } | null }) =>
      input.body === null
        ? api.delete(`/api/users/${input.userId}`, { orgId: org })
        : api.patch(`/api/users/${input.userId}`, input.body, { orgId: org }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ["members", org] }),
  });

  const pages = members.data ? Math.max(1, Math.ceil(members.data.total / PAGE_SIZE)) : 1;
  const error = change.error instanceof ApiError ? change.error : null;

  return (
    <div className="grid gap-4">
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_10rem]" role="search">
        <div className="grid gap-2">
          <Label htmlFor="member-search">Search</Label>
          <Input id="member-search" type="search" placeholder="Name or email" value={search} onChange={(e) => { setSearch(e.target.value); setPage(1); }} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="member-role">Role</Label>
          <NativeSelect id="member-role" value={role} onChange={(e) => { setRole(e.target.value); setPage(1); }}>
            <option value="">All roles</option>
            {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </NativeSelect>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="member-status">Status</Label>
          <NativeSelect id="member-status" value={status} onChange={(e) => { setStatus(e.target.value); setPage(1); }}>
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="deactivated">Deactivated</option>
          </NativeSelect>
        </div>
      </div>

      {error ? (
        <Alert variant="destructive">
          <AlertTitle>The change was not made</AlertTitle>
          <AlertDescription>{error.message}</AlertDescription>
        </Alert>
      ) : null}

      <QueryListState
        query={members}
        loadingLabel="Loading members"
        skeletonRows={4}
        skeletonClassName="h-12 w-full"
        errorTitle="Members could not be loaded"
        emptyIcon={Users}
        emptyText="No members match these filters."
      >
        {/* relative: the buttons' sr-only labels (position: absolute) stay inside the scroller instead of widening the page. */}
        {(items) => (
          <Table>
            <TableCaption>Members</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>Member</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="hidden md:table-cell">Last sign-in</TableHead>
                <TableHead numeric>Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((m) => {
                const canChange = manageable(viewer, m);
                const label = m.fullName || m.email;
                return (
                  <TableRow key={m.userId} data-testid="member-row" data-email={m.email}>
                    <TableCell>
                      <div className="font-medium">{m.fullName || "—"}</div>
                      <div className="break-all text-muted-foreground">{m.email}</div>
                    </TableCell>
                    <TableCell>
                      {canChange ? (
                        <NativeSelect
                          aria-label={`Role of ${label}`}
                          value={m.role}
                          disabled={change.isPending}
                          onChange={(e) => change.mutate({ userId: m.userId, body: { role: e.target.value as Role } })}
                          className="w-36"
                        >
                          {ROLES.filter((r) => r === m.role || assignable.includes(r)).map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
                        </NativeSelect>
                      ) : (
                        ROLE_LABELS[m.role]
                      )}
                    </TableCell>
                    <TableCell>
                      <Badge variant={m.status === "active" ? "success" : "outline"}>{m.status === "active" ? "Active" : "Deactivated"}</Badge>
                    </TableCell>
                    <TableCell className="hidden text-muted-foreground md:table-cell">
                      {m.lastSignInAt ? <time dateTime={m.lastSignInAt}>{formatDate(m.lastSignInAt, "dateTime")}</time> : "Never"}
                    </TableCell>
                    <TableCell>
                      {canChange ? (
                        <div className="flex justify-end gap-2">
                          <Button
                            size="sm"
                            variant="outline"
                            disabled={change.isPending}
                            onClick={() => change.mutate({ userId: m.userId, body: { status: m.status === "active" ? "deactivated" : "active" } })}
                          >
                            {m.status === "active" ? "Deactivate" : "Reactivate"}
                            <span className="sr-only"> {label}</span>
                          </Button>
                          <Button
                            size="sm"
                            variant="destructive"
                            disabled={change.isPending}
                            onClick={() => {
                              if (window.confirm(`Remove ${label} from this organization?`)) change.mutate({ userId: m.userId, body: null });
                            }}
                          >
                            Remove<span className="sr-only"> {label}</span>
                          </Button>
                        </div>
                      ) : null}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
            </Table>
        )}
      </QueryListState>

      {members.data && members.data.total > PAGE_SIZE ? (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          <span className="text-muted-foreground">
            Page {page} of {pages} · {members.data.total} members
          </span>
          <div className="flex gap-2">
            <Button size="sm" variant="outline" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>Previous</Button>
            <Button size="sm" variant="outline" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>Next</Button>
          </div>
        </nav>
      ) : null}
    </div>
  );
}
