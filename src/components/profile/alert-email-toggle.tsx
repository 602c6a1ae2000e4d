"use client";

import { useId, useState } from "react";

import { useAlertEmailPreference, useSetAlertEmailPreference } from "@/components/alerts/alert-queries";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";

/** The member's own switch for alert escalation emails in this organization. */
export function AlertEmailToggle({ org }: { org: string }) {
  const preference = useAlertEmailPreference(org);
  const save = useSetAlertEmailPreference(org);
  const toast = useToast();
  const id = useId();
  // Set in the change handler itself, so the switch flips at once (a controlled checkbox would
  // otherwise snap back until the mutation's state arrives).
  const [pending, setPending] = useState<boolean | null>(null);
  if (preference.isPending) return <Skeleton className="h-6 w-72" aria-label="Loading your email settings" />;
  if (preference.isError) return <p role="alert" className="text-sm text-destructive">Your email settings could not be loaded: {preference.error.message}</p>;
  const { alertEmails, eligible } = preference.data;
  return (
    <div className="grid gap-2">
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="mt-0.5 size-4 accent-primary"
          checked={pending ?? alertEmails}
          disabled={!eligible || save.isPending}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setPending(e.target.checked);
            save.mutate(e.target.checked, {
              onSuccess: (data) => toast({ title: data.alertEmails ? "Alert emails turned on" : "Alert emails turned off" }),
              onError: (error) => toast({ title: "Your choice was not saved", description: error.message, variant: "error" }),
              onSettled: () => setPending(null),
            });
          }}
        />
        <label htmlFor={id} className="text-sm font-medium">
          Email me when a purchase order rises into a higher budget level
        </label>
      </div>
      <p id={`${id}-hint`} className="text-sm text-muted-foreground">
        {eligible
          ? "One email per purchase order and level, or one digest when many rise at once. Never when things improve."
          : "Only members who may acknowledge alerts (admins and finance) are emailed, so there is nothing to turn on for your role."}
      </p>
    </div>
  );
}
