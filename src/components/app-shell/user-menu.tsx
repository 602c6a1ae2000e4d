"use client";

import { LogOut, UserRound } from "lucide-react";
import Link from "next/link";
import { useState } from "react";

import { logOut } from "@/components/auth/log-out";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Spinner } from "@/components/ui/spinner";

function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length >= 2 ? `${words[0]![0]}${words.at(-1)![0]}` : (words[0] ?? email).slice(0, 2);
  return letters.toUpperCase();
}

export function UserMenu({ org, name, email }: { org: string; name: string; email: string }) {
  const [leaving, setLeaving] = useState(false);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="rounded-full">
          <span aria-hidden="true" className="inline-flex size-8 items-center justify-center rounded-full bg-muted text-xs font-semibold">
            {initials(name, email)}
          </span>
          <span className="sr-only">Account menu for {name || email}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="grid gap-0.5">
          <span className="truncate">{name || email}</span>
          <span className="truncate text-xs font-normal text-muted-foreground">{email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href={`/${org}/profile`}>
            <UserRound aria-hidden="true" />
            Profile
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem
          disabled={leaving}
          onSelect={(event) => {
            // Keep the menu open to show progress; the page is replaced when logout finishes.
            event.preventDefault();
            setLeaving(true);
            void logOut();
          }}
        >
          {leaving ? <Spinner label="" /> : <LogOut aria-hidden="true" />}
          {leaving ? "Logging out…" : "Log out"}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
