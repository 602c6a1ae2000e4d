import { Inbox } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { Brand } from "@/components/brand";
import { devMailboxEnabled } from "@/server/email/dev-mailbox-enabled";
import { LinkifiedText } from "@/components/dev/linkified-text";
import { ThemeToggle } from "@/components/theme-toggle";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { listOutbox } from "@/server/email/send-email";
import { DEFAULT_LOCALE } from "@/lib/format-date";
import { formatter } from "@/lib/formatter";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Development mailbox", robots: { index: false } };
/** The mailbox belongs to no organization: its times are in UTC, zone named, in the default locale. */
const format = formatter({ locale: DEFAULT_LOCALE, timeZone: "UTC" });


export default async function DevMailboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!devMailboxEnabled()) notFound();
  const { to: rawTo } = await searchParams;
  const to = typeof rawTo === "string" && rawTo.trim() ? rawTo.trim().slice(0, 254) : undefined;
  const messages = await listOutbox({ to });

  return (
    <div className="min-h-dvh">
      <header className="flex h-14 items-center justify-between border-b px-4">
        <Brand />
        <ThemeToggle />
      </header>
      <main className="mx-auto grid w-full max-w-4xl gap-6 px-4 py-8">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">Development mailbox</h1>
          <p className="text-sm text-muted-foreground">
            Every email the app sends is kept here instead of being delivered. A production build hides this page unless the server is started with the development mailbox turned on (see the README).
          </p>
        </div>

        <form method="get" className="flex flex-wrap items-end gap-2" role="search">
          <div className="grid min-w-56 flex-1 gap-2">
            <Label htmlFor="to">Recipient</Label>
            <Input id="to" name="to" type="email" defaultValue={to ?? ""} placeholder="someone@example.com" autoComplete="off" />
          </div>
          <Button type="submit">Filter</Button>
          {to ? (
            <Button variant="ghost" asChild>
              <Link href="/dev/mailbox">Show all</Link>
            </Button>
          ) : null}
        </form>

        <p className="text-sm text-muted-foreground" aria-live="polite">
          {messages.length === 0 ? "No messages" : `${messages.length} message${messages.length === 1 ? "" : "s"}`}
          {to ? ` to ${to}` : ""}, newest first.
        </p>

        {messages.length === 0 ? (
          <Card className="items-center py-12 text-center">
            <Inbox aria-hidden="true" className="size-8 text-muted-foreground" />
            <CardDescription>Nothing has been sent{to ? " to this address" : ""} yet.</CardDescription>
          </Card>
        ) : (
          <ol className="grid gap-6">
            {messages.map((message) => (
              <li key={message.id}>
                <Card aria-labelledby={`message-${message.id}`} role="article" data-testid="mailbox-message">
                  <CardHeader>
                    <CardTitle asChild>
                      <h2 id={`message-${message.id}`} className="text-base">
                        {message.subject}
                      </h2>
                    </CardTitle>
                    <dl className="grid grid-cols-[4rem_1fr] gap-x-2 gap-y-1 text-sm text-muted-foreground">
                      <dt>To</dt>
                      <dd className="break-all text-foreground">{message.to_email}</dd>
                      <dt>Sent</dt>
                      <dd>
                        <time dateTime={new Date(message.created_at).toISOString()}>{format.date(new Date(message.created_at), "dateTimeZone")}</time>
                      </dd>
                      <dt>Template</dt>
                      <dd>
                        <Badge variant="outline">{message.template}</Badge>
                      </dd>
                    </dl>
                  </CardHeader>
                  <CardContent className="grid gap-4">
                    <iframe
                      title={`HTML body of “${message.subject}”`}
                      srcDoc={message.html}
                      sandbox=""
                      className="h-56 w-full rounded-md border bg-white"
                    />
                    <details open>
                      <summary className="cursor-pointer text-sm font-medium">Text body</summary>
                      <pre className="mt-2 rounded-md bg-muted p-3 text-sm whitespace-pre-wrap">
                        <LinkifiedText text={message.text_body} />
                      </pre>
                    </details>
                  </CardContent>
                </Card>
              </li>
            ))}
          </ol>
        )}
      </main>
    </div>
  );
}
