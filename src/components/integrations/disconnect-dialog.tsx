"use client";

import { useEffect, useRef } from "react";

import { Button } from "@/components/ui/button";

interface DisconnectDialogProps {
  /** The connection being confirmed; null closes the dialog. */
  target: { tenantLabel: string; providerName: string } | null;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal <dialog>: the browser gives focus containment, Escape to cancel and focus return. Cancel
 * has the initial focus, so Enter on an accidental open does not disconnect.
 */
export function DisconnectDialog({ target, pending, onConfirm, onCancel }: DisconnectDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (target && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!target && dialog.open) {
      dialog.close();
    }
  }, [target]);

  return (
    <dialog
      ref={ref}
      aria-labelledby="disconnect-title"
      aria-describedby="disconnect-description"
      onClose={() => {
        if (target) onCancel();
      }}
      className="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-lg border bg-background p-0 text-foreground shadow-lg backdrop:bg-black/50"
    >
      {target ? (
        <div className="grid gap-4 p-5">
          <h2 id="disconnect-title" className="text-lg font-semibold">
            Disconnect {target.tenantLabel}?
          </h2>
          <div id="disconnect-description" className="grid gap-2 text-sm text-muted-foreground">
            <p>
              XeroPulse stops syncing this {target.providerName} organization, cancels its queued syncs and deletes its stored
              tokens. It is also removed from the apps connected in Xero.
            </p>
            <p>Data already synced stays. You can connect it again at any time.</p>
          </div>
          <div className="flex justify-end gap-2">
            <Button ref={cancelRef} variant="outline" onClick={onCancel} disabled={pending}>
              Cancel
            </Button>
            <Button variant="destructive" onClick={onConfirm} disabled={pending} aria-busy={pending}>
              {pending ? "Disconnecting…" : "Disconnect"}
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
