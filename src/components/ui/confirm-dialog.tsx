"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import type { ReactNode } from "react";

import { Button } from "@/components/ui/button";

export interface ConfirmDialogProps {
  /** The control that opens the dialog (rendered as-is through Radix `asChild`). */
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  /** Label of the confirming button, a verb that names the consequence ("Remove member"). */
  confirmLabel: string;
  onConfirm: () => void;
  /** Destructive actions get the red button; focus still starts on Cancel, the safe choice. */
  destructive?: boolean;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

/**
 * The one confirmation for destructive actions, in place of the browser's `confirm()`: Radix's
 * alert dialog traps focus, closes on Escape, returns focus to the trigger and is announced as an
 * alertdialog with its title and description.
 */
export function ConfirmDialog({ trigger, title, description, confirmLabel, onConfirm, destructive = true, open, onOpenChange }: ConfirmDialogProps) {
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-50 bg-black/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg border bg-background p-6 shadow-lg focus:outline-none">
          <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-muted-foreground">{description}</AlertDialog.Description>
          <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel asChild>
              <Button variant="outline">Cancel</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant={destructive ? "destructive" : "default"} onClick={onConfirm}>
                {confirmLabel}
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
