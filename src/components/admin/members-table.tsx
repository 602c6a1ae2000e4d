"use client";

import { Users } from "lucide-react";
import { useState } from "react";

import { ROLE_LABELS } from "@/lib/role-labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toaster";
import { QueryListState } from "@/components/query-list-state";
import { useFormat } from "@/components/format-provider";
import type { MemberChange, MemberStatus, MemberView } from "@/lib/member-views";
import { ROLES, ROLE_RANK, type Role } from "@/lib/permissions";
import { useMembers, useRemoveMember, useResetMemberMfa, useUpdateMember } from "./member-queries";

const PAGE_SIZE = 20;

/** Whether the viewer may change this member (the database decides; this only hides what it would refuse). */
function manageable(viewer: { userId: string; role: Role; canManage: boolean }, member: MemberView): boolean {
  if (!viewer.canManage || member.userId === viewer.userId) return false;
  return viewer.role === "admin" || ROLE_RANK[member.role] < ROLE_RANK[viewer.role];
}

export function MembersTable({
  org,
  viewer,
  assignable,
  initialSearch = "",
}: {
  org: string;
  viewer: { userId: string; role: Role; canManage: boolean };
  assignable: readonly Role[];
  /** From `?search=`: the audit log links a person's name here. */
  initialSearch?: string;
}) {
  const toast = useToast();
  const format = useFormat();
  const [search, setSearch] = useState(initialSearch);
  const [role, setRole] = useState<Role | "">("");
  const [status, setStatus] = useState<MemberStatus | "">("");
  const [page, setPage] = useState(1);
  const members = useMembers(org, { search, role, status, page, pageSize: PAGE_SIZE });
  const update = useUpdateMember(org);
  const remove = useRemoveMember(org);
  const resetMfa = useResetMemberMfa(org);

  function resetTwoFactor(member: MemberView) {
    const label = member.fullName || member.email;
    resetMfa.mutate(
      { userId: member.userId },
      {
        onSuccess: () => toast({ title: `${label}'s two-factor sign-in is reset`, description: "They set up an authenticator again when they next sign in." }),
        onError: (error) => toast({ variant: "error", title: `${label}'s two-factor sign-in was not reset`, description: error.message }),
      },
    );
  }

  function change(member: MemberView, change: MemberChange) {
    const label = member.fullName || member.email;
    update.mutate(
      { userId: member.userId, change },
      {
        onSuccess: (after) =>
          toast({ title: "role" in change ? `${label} is now ${ROLE_LABELS[after.role]}` : `${label} is ${after.status === "active" ? "reactivated" : "deactivated"}` }),
        onError: (error) => toast({ variant: "error", title: `${label} was not changed`, description: error.message }),
      },
    );
  }

  function removeMember(member: MemberView) {
    const label = member.fullName || member.email;
    remove.mutate(
      { userId: member.userId },
      {
        onSuccess: () => toast({ title: `${label} was removed from this organization` }),
        onError: (error) => toast({ variant: "error", title: `${label} was not removed`, description: error.message }),
      },
    );
  }

  const pages = members.data ? Math.max(1, Math.ceil(members.data.total / PAGE_SIZE)) : 1;
  /** One change to a member at a time: the row in flight waits for the server's answer. */
  const busy = (userId: string) => (update.isPending && update.variables?.userId === userId) || (remove.isPending && remove.variables?.userId === userId);

  return (
    <div className="grid gap-4">
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_10rem]" role="search">
        <div className="grid gap-2">
          <Label htmlFor="member-search">Search</Label>
          <Input id="member-search" type="search" placeholder="Name or email" value={search} onChange={(e) => { setSearch(e.target.value); setPage(1); }} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="member-role">Role</Label>
          <NativeSelect id="member-role" value={role} onChange={(e) => { setRole(e.target.value as Role | ""); setPage(1); }}>
            <option value="">All roles</option>
            {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </NativeSelect>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="member-status">Status</Label>
          <NativeSelect id="member-status" value={status} onChange={(e) => { setStatus(e.target.value as MemberStatus | ""); setPage(1); }}>
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="deactivated">Deactivated</option>
          </NativeSelect>
        </div>
      </div>

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
                          disabled={busy(m.userId)}
                          onChange={(e) => change(m, { role: e.target.value as Role })}
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
                      {m.lastSignInAt ? <time dateTime={m.lastSignInAt}>{format.date(m.lastSignInAt, "dateTime")}</time> : "Never"}
                    </TableCell>
                    <TableCell>
                      {canChange ? (
                        <div className="flex justify-end gap-2">
                          <Button
                            size="sm"
                            variant="outline"
                            disabled={busy(m.userId)}
                            onClick={() => change(m, { status: m.status === "active" ? "deactivated" : "active" })}
                          >
                            {m.status === "active" ? "Deactivate" : "Reactivate"}
                            <span className="sr-only"> {label}</span>
                          </Button>
                          <ConfirmDialog
                            trigger={
                              <Button size="sm" variant="outline" disabled={busy(m.userId) || resetMfa.isPending}>
                                Reset 2FA<span className="sr-only"> of {label}</span>
                              </Button>
                            }
                            title={`Reset ${label}'s two-factor sign-in?`}
                            description={`Their authenticators and recovery codes are removed and their sessions end. If their role requires two factors, they set up an authenticator again when they next sign in. Use this when someone has lost their phone.`}
                            confirmLabel="Reset two-factor sign-in"
                            onConfirm={() => resetTwoFactor(m)}
                          />
                          <ConfirmDialog
                            trigger={
                              <Button size="sm" variant="destructive" disabled={busy(m.userId)}>
                                Remove<span className="sr-only"> {label}</span>
                              </Button>
                            }
                            title={`Remove ${label}?`}
                            description={`${label} loses access to this organization at their next request. Their past activity stays in the audit log; you can invite them again later.`}
                            confirmLabel="Remove member"
                            onConfirm={() => removeMember(m)}
                          />
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
