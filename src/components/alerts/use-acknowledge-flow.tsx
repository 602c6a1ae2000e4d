"use client";

import { useState, type ReactNode } from "react";

import { useToast } from "@/components/ui/toaster";

import { AcknowledgeDialog } from "./acknowledge-dialog";
import { useAcknowledgeAlerts } from "./alert-queries";

/**
 * Acknowledging as every alert view does it: a dialog for the note, the request, a toast after it,
 * and the server's refusal (e.g. "A resolved alert cannot be acknowledged") shown in the dialog.
 */
export function useAcknowledgeFlow(org: string, onDone?: () => void): { start: (ids: string[], subject: string) => void; dialog: ReactNode; pending: boolean } {
  const toast = useToast();
  const mutation = useAcknowledgeAlerts(org);
  const [target, setTarget] = useState<{ ids: string[]; subject: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const dialog = (
    <AcknowledgeDialog
      subject={target?.subject ?? null}
      pending={mutation.isPending}
      error={error}
      onCancel={() => setTarget(null)}
      onConfirm={(note) => {
        if (!target) return;
        setError(null);
        mutation.mutate(
          { ids: target.ids, note },
          {
            onSuccess: (result) => {
              setTarget(null);
              const already = target.ids.length - result.acknowledged;
              toast({
                title: target.ids.length === 1 ? `${target.subject} acknowledged` : `${result.acknowledged} alert${result.acknowledged === 1 ? "" : "s"} acknowledged`,
                description: already > 0 ? `${already} already ${already === 1 ? "was" : "were"} acknowledged.` : undefined,
              });
              onDone?.();
            },
            onError: (e) => setError(e.message),
          },
        );
      }}
    />
  );
  return {
    start: (ids, subject) => {
      setError(null);
      setTarget({ ids, subject });
    },
    dialog,
    pending: mutation.isPending,
  };
}
