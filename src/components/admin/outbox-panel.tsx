"use client";

import { MailWarning } from "lucide-react";
import { useState } from "react";

import { LinkifiedText } from "@/components/dev/linkified-text";
import { useFormat } from "@/components/format-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { OutboxMessageView } from "@/lib/outbox-views";
import { useOrgOutbox } from "./outbox-queries";

const LINK = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/;

/**
 * A production build without a mail provider keeps every email in the outbox, where nobody would
 * read it. Admins see that plainly here, with the organization's messages, so they can pass an
 * invitation link on themselves until the server has a mail provider.
 */
export function OutboxPanel({ org }: { org: string }) {
  const outbox = useOrgOutbox(org);

  return (
    <section aria-labelledby="outbox-heading" className="grid gap-4">
      <Alert variant="warning">
        <MailWarning aria-hidden="true" />
        <AlertTitle id="outbox-heading" role="heading" aria-level={2}>
          Mail from this server is not delivered
        </AlertTitle>
        <AlertDescription>
          <p>
            This server has no mail provider, so invitations and other emails stay in its outbox and nobody receives them. Copy an
            invitation link below and pass it on yourself, or ask whoever runs the server to set up email delivery (Resend).
            Password-reset emails cannot reach anyone until then.
          </p>
        </AlertDescription>
      </Alert>
      {outbox.isPending ? (
        <Skeleton className="h-20 w-full" />
      ) : outbox.isError ? (
        <Alert variant="destructive">
          <AlertTitle>The outbox could not be loaded</AlertTitle>
          <AlertDescription>{outbox.error.message}</AlertDescription>
        </Alert>
      ) : outbox.data.messages.length === 0 ? (
        <p className="text-sm text-muted-foreground">No messages waiting in the outbox.</p>
      ) : (
        <div className="grid gap-2">
          <h3 className="text-sm font-medium">Waiting in the outbox, newest first</h3>
          <ul className="grid gap-3" aria-label="Messages in the outbox">
            {outbox.data.messages.map((message) => (
              <OutboxMessage key={message.id} message={message} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function OutboxMessage({ message }: { message: OutboxMessageView }) {
  const format = useFormat();
  const link = message.text.match(LINK)?.[0];
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied(null), 3000);
  }
  return (
    <li className="grid gap-2 rounded-md border p-3 text-sm" data-testid="outbox-message">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="grid min-w-0">
          <span className="font-medium">{message.subject}</span>
          <span className="break-all text-muted-foreground">
            To {message.to} · {format.date(message.createdAt, "dateTime")}
          </span>
        </div>
        {link ? (
          <Button size="sm" variant="outline" onClick={() => void copy()}>
            Copy link<span className="sr-only"> for {message.to}</span>
          </Button>
        ) : null}
      </div>
      <p className="whitespace-pre-wrap break-words text-muted-foreground">
        <LinkifiedText text={message.text} />
      </p>
      <span aria-live="polite" className={copied === "failed" ? "text-xs text-destructive" : "text-xs text-success"}>
        {copied === "yes" ? "Link copied" : copied === "failed" ? "Copying failed: select the link above instead" : ""}
      </span>
    </li>
  );
}
