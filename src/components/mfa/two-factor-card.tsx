"use client";

import { useState } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";

import { useMfaFactors, useRegenerateRecoveryCodes, useRemoveFactor } from "./mfa-queries";
import { RecoveryCodesPanel } from "./recovery-codes-panel";
import { TotpEnrollment } from "./totp-enrollment";

/** Profile › Two-factor sign-in: the user's authenticators, adding and removing one, recovery codes. */
export function TwoFactorCard() {
  const factors = useMfaFactors();
  const remove = useRemoveFactor();
  const regenerate = useRegenerateRecoveryCodes();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);

  function newCodes() {
    regenerate.mutate(undefined, {
      onSuccess: (data) => setCodes(data.codes),
      onError: (error) => toast({ title: "No new recovery codes", description: error.message, variant: "error" }),
    });
  }

  let body;
  if (factors.isPending) body = <Skeleton className="h-16 w-full" aria-label="Loading your authenticators" />;
  else if (factors.isError) body = <p role="alert" className="text-sm text-destructive">Your authenticators could not be loaded: {factors.error.message}</p>;
  else if (codes) body = <RecoveryCodesPanel codes={codes} onDone={() => setCodes(null)} />;
  else if (adding)
    body = (
      <div className="grid gap-3">
        <TotpEnrollment
          onEnrolled={() => {
            setAdding(false);
            toast({ title: "Two-factor sign-in is on" });
            // The first authenticator comes with recovery codes.
            if (factors.data.recoveryCodesRemaining === 0) newCodes();
          }}
        />
        <div>
          <Button type="button" variant="ghost" onClick={() => setAdding(false)}>
            Cancel
          </Button>
        </div>
      </div>
    );
  else {
    const verified = factors.data.factors.filter((f) => f.status === "verified");
    body = (
      <div className="grid gap-4">
        {verified.length === 0 ? (
          <p className="text-sm text-muted-foreground">Two-factor sign-in is off: a password alone signs you in.</p>
        ) : (
          <ul className="divide-y rounded-md border" aria-label="Your authenticators">
            {verified.map((factor) => (
              <li key={factor.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                <span className="flex min-w-0 items-center gap-2">
                  <span className="truncate font-medium">{factor.friendlyName}</span>
                  <Badge variant="secondary">Authenticator app</Badge>
                </span>
                <ConfirmDialog
                  trigger={
                    <Button type="button" variant="outline" size="sm" disabled={remove.isPending}>
                      Remove
                    </Button>
                  }
                  title={`Remove “${factor.friendlyName}”?`}
                  description={
                    verified.length === 1
                      ? "This is your only authenticator: your recovery codes stop working too, and a password alone will sign you in."
                      : "Codes from this app will no longer sign you in."
                  }
                  confirmLabel="Remove authenticator"
                  onConfirm={() =>
                    remove.mutate(factor.id, {
                      onSuccess: () => toast({ title: `Removed “${factor.friendlyName}”` }),
                      onError: (error) => toast({ title: "The authenticator was not removed", description: error.message, variant: "error" }),
                    })
                  }
                />
              </li>
            ))}
          </ul>
        )}
        {verified.length > 0 ? (
          <p className="text-sm text-muted-foreground">
            {factors.data.recoveryCodesRemaining} of 10 recovery codes left.
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button type="button" onClick={() => setAdding(true)}>
            {verified.length === 0 ? "Set up an authenticator app" : "Add another authenticator"}
          </Button>
          {verified.length > 0 ? (
            <Button type="button" variant="outline" onClick={newCodes} disabled={regenerate.isPending}>
              {regenerate.isPending ? "Generating…" : "New recovery codes"}
            </Button>
          ) : null}
        </div>
      </div>
    );
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>Two-factor sign-in</h2>
        </CardTitle>
        <CardDescription>After your password, a code from an app on your phone proves it is you.</CardDescription>
      </CardHeader>
      <CardContent>{body}</CardContent>
    </Card>
  );
}
