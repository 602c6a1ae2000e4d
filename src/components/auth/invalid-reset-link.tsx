import Link from "next/link";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function InvalidResetLink() {
  return (
    <div className="grid gap-4">
      <Alert variant="destructive">
        <AlertTitle>This reset link is invalid or has expired</AlertTitle>
        <AlertDescription>Reset links work once and for a limited time. Ask for a new one and use the latest email.</AlertDescription>
      </Alert>
      <Button asChild>
        <Link href="/forgot-password">Ask for a new link</Link>
      </Button>
    </div>
  );
}
