"use client";

import { useEffect, useId, useRef, useState } from "react";

import { FieldError } from "@/components/ui/field-error";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";

const MAX_NOTE = 1000;

interface AcknowledgeDialogProps {
  /** What is being acknowledged ("PO-1042" or "3 alerts"); null closes the dialog. */
  subject: string | null;
  pending: boolean;
  /** The server's answer to the last attempt, shown in the dialog. */
  error: string | null;
  onConfirm: (note: string) => void;
  onCancel: () => void;
}

/**
 * Acknowledge with an optional note, in a modal <dialog> (focus containment, Escape to cancel and
 * focus return come from the browser). The note field has the initial focus.
 */
export function AcknowledgeDialog({ subject, pending, error, onConfirm, onCancel }: AcknowledgeDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const [note, setNote] = useState("");
  const ids = { title: useId(), note: useId(), hint: useId(), error: useId() };
  const tooLong = note.length > MAX_NOTE;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (subject && !dialog.open) {
      setNote("");
      dialog.showModal();
      noteRef.current?.focus();
    } else if (!subject && dialog.open) {
      dialog.close();
    }
  }, [subject]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={ids.title}
      onClose={() => {
        if (subject) onCancel();
      }}
      className="m-auto w-[30rem] max-w-[calc(100vw-2rem)] rounded-lg border bg-background p-0 text-foreground shadow-lg backdrop:bg-black/50"
    >
      {subject ? (
        <form
          className="grid gap-4 p-5"
          onSubmit={(event) => {
            event.preventDefault();
            if (!tooLong) onConfirm(note);
          }}
        >
          <h2 id={ids.title} className="text-lg font-semibold">
            Acknowledge {subject}
          </h2>
          <p className="text-sm text-muted-foreground">
            Acknowledging tells your colleagues someone is on it. The alert stays until the PO recovers or is closed, and it
            emails again only if its level rises further.
          </p>
          <div className="grid gap-2">
            <Label htmlFor={ids.note}>Note (optional)</Label>
            <textarea
              id={ids.note}
              ref={noteRef}
              name="note"
              rows={3}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-describedby={`${ids.hint}${tooLong ? ` ${ids.error}` : ""}`}
              aria-invalid={tooLong || undefined}
              className="w-full rounded-md border border-input bg-background px-3 py-2 text-base shadow-xs focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/50 focus-visible:outline-hidden aria-invalid:border-destructive md:text-sm"
              placeholder="e.g. Supplier asked to hold further invoices"
            />
            <p id={ids.hint} className="text-xs text-muted-foreground">
              {note.length} / {MAX_NOTE} characters
            </p>
            {tooLong ? <FieldError id={ids.error} message={`Use at most ${MAX_NOTE} characters`} /> : null}
          </div>
          {error ? (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="outline" onClick={onCancel} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending || tooLong} aria-busy={pending}>
              {pending ? "Acknowledging…" : "Acknowledge"}
            </Button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
