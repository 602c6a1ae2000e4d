"use client";

import { Building2, Check, ChevronsUpDown, Plus } from "lucide-react";
import Link from "next/link";

import { RoleBadge } from "@/components/role-badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { Role } from "@/lib/permissions";

export interface SwitcherOrganization {
  slug: string;
  name: string;
  role: Role;
}

export function OrgSwitcher({
  current,
  organizations,
  canCreate = false,
}: {
  current: string;
  organizations: SwitcherOrganization[];
  /** ORG_CREATION=any: the menu ends with "New organization". */
  canCreate?: boolean;
}) {
  const active = organizations.find((org) => org.slug === current);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" className="min-w-0 max-w-[55vw] justify-between gap-2 sm:max-w-xs">
          <Building2 aria-hidden="true" className="text-muted-foreground" />
          <span className="sr-only">Organization: </span>
          <span className="truncate">{active?.name ?? current}</span>
          <ChevronsUpDown aria-hidden="true" className="text-muted-foreground" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72">
        <DropdownMenuLabel className="text-xs text-muted-foreground">Your organizations</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {organizations.map((org) => (
          <DropdownMenuItem key={org.slug} asChild>
            <Link href={`/${org.slug}`} aria-current={org.slug === current ? "page" : undefined}>
              <Check aria-hidden="true" className={org.slug === current ? "text-foreground" : "invisible"} />
              <span className="min-w-0 flex-1 truncate">{org.name}</span>
              <RoleBadge role={org.role} variant="outline" />
            </Link>
          </DropdownMenuItem>
        ))}
        {canCreate ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem asChild>
              <Link href="/organizations/new">
                <Plus aria-hidden="true" />
                New organization
              </Link>
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
