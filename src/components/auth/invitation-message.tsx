import Link from "next/link";
import type { ReactNode } from "react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** An invitation link's state in words, with what to do next (log in by default). */
export function InvitationMessage({ title, body, children }: { title: string; body: string; children?: ReactNode }) {
  return (
    <Card data-testid="invitation-state">
      <CardHeader>
        <CardTitle asChild>
          <h1 className="text-xl">{title}</h1>
        </CardTitle>
        <CardDescription>{body}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2">{children ?? <Button asChild variant="outline"><Link href="/login">Go to log in</Link></Button>}</CardContent>
    </Card>
  );
}

