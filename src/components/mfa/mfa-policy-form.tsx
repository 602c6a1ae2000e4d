"use client";

import { useState, type FormEvent } from "react";

import { SubmitButton } from "@/components/forms/submit-button";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { ROLES, type Role } from "@/lib/permissions";
import { ROLE_LABELS } from "@/lib/role-labels";

import { useMfaPolicy, useUpdateMfaPolicy } from "./mfa-queries";

/** Settings › Organization: the roles that must sign in with two factors. */
export function MfaPolicyForm({ org }: { org: string }) {
  const policy = useMfaPolicy(org);
  const save = useUpdateMfaPolicy(org);
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);

  if (policy.isPending) return <Skeleton className="h-24 w-full" aria-label="Loading the two-factor policy" />;
  if (policy.isError) return <p role="alert" className="text-sm text-destructive">The two-factor policy could not be loaded: {policy.error.message}</p>;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const roles = ROLES.filter((role) => data.get(`mfa-${role}`) === "on");
    setError(null);
    save.mutate(roles, {
      onSuccess: (result) =>
        toast({
          title: result.requiredRoles.length ? "Two-factor sign-in required" : "Two-factor sign-in no longer required",
          description: result.requiredRoles.length ? `For ${result.requiredRoles.map((r) => ROLE_LABELS[r as Role]).join(", ")}.` : undefined,
        }),
      onError: (e) => setError(e.message),
    });
  }

  return (
    <form onSubmit={submit} className="grid gap-4" aria-describedby="mfa-policy-hint">
      <p id="mfa-policy-hint" className="text-sm text-muted-foreground">
        Members of these roles must set up an authenticator app, and enter a code from it at every sign-in, before they can do anything
        in this organization. The database enforces it too.
      </p>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Require two-factor sign-in for</legend>
        {ROLES.map((role) => (
          <label key={role} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={`mfa-${role}`} defaultChecked={policy.data.requiredRoles.includes(role)} className="size-4 accent-primary" />
            {ROLE_LABELS[role]}
          </label>
        ))}
      </fieldset>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <div>
        <SubmitButton pending={save.isPending} pendingLabel="Saving…">
          Save two-factor policy
        </SubmitButton>
      </div>
    </form>
  );
}
