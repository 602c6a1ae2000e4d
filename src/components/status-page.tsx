import type { LucideIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";

import { Button } from "@/components/ui/button";

/** Not found, forbidden and similar dead ends: an icon, what happened, and a way back. */
export function StatusPage({
  icon: Icon,
  code,
  title,
  children,
  homeHref = "/",
  homeLabel = "Go to the home page",
}: {
  icon: LucideIcon;
  code?: string;
  title: string;
  children: ReactNode;
  homeHref?: string;
  homeLabel?: string;
}) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 px-4 py-16 text-center">
      <span className="inline-flex size-14 items-center justify-center rounded-full bg-muted">
        <Icon aria-hidden="true" className="size-7 text-muted-foreground" />
      </span>
      {code ? <p className="text-sm font-medium text-muted-foreground">{code}</p> : null}
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <div className="grid gap-2 text-sm text-muted-foreground">{children}</div>
      <Button asChild>
        <Link href={homeHref}>{homeLabel}</Link>
      </Button>
    </div>
  );
}
