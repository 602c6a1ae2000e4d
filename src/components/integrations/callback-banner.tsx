"use client";

import { X } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PROVIDERS } from "./integration-types";

export interface CallbackResult {
  provider: "xero" | "xpm";
  connected?: number;
  /** Connected but held back: the Xero organization's currency differs from the organization's. */
  pending?: number;
  code?: string;
}

/**
 * The outcome of a consent, from the callback's redirect. The text is chosen here by `code`, never
 * taken from the URL, so a crafted link cannot put its own words on this page.
 */
function failureText(code: string, provider: CallbackResult["provider"]): string {
  const { name, tenantNoun } = PROVIDERS[provider];
  switch (code) {
    case "BAD_REQUEST":
      return `Access was declined in Xero, so nothing was connected.`;
    case "VALIDATION_FAILED":
      return `None of the organizations you chose in Xero is a ${name} ${tenantNoun}. Connect again and choose one.`;
    case "UPSTREAM_ERROR":
      return "Xero could not be reached to finish connecting. Nothing was connected; try again in a moment.";
    case "INVALID_TOKEN":
      return "Xero did not accept the authorization (it may have expired or been used already). Try connecting again.";
    case "SERVICE_UNAVAILABLE":
      return "Xero is not configured on this server.";
    default:
      return "Nothing was connected. Try again.";
  }
}

export function CallbackBanner({ result }: { result: CallbackResult }) {
  const router = useRouter();
  const pathname = usePathname();
  const dismiss = (
    <Button variant="ghost" size="icon" className="absolute top-2 right-2 size-7" aria-label="Dismiss" onClick={() => router.replace(pathname, { scroll: false })}>
      <X aria-hidden="true" />
    </Button>
  );
  const { name, tenantNoun } = PROVIDERS[result.provider];
  if (result.code) {
    return (
      <Alert variant="destructive" className="pr-10" data-testid="integrations-banner">
        <AlertTitle>{name} was not connected</AlertTitle>
        <AlertDescription>{failureText(result.code, result.provider)}</AlertDescription>
        {dismiss}
      </Alert>
    );
  }
  const count = result.connected ?? 0;
  const pending = result.pending ?? 0;
  if (pending > 0) {
    return (
      <Alert variant="warning" className="pr-10" data-testid="integrations-banner">
        <AlertTitle>
          Choose a currency: {pending} {tenantNoun}
          {pending === 1 ? " keeps its" : "s keep their"} books in another currency
        </AlertTitle>
        <AlertDescription>
          {count > 0 ? `${count} ${tenantNoun}${count === 1 ? " is" : "s are"} connected. ` : ""}
          Nothing syncs from {pending === 1 ? "it" : "them"} until you choose below: use its currency for this organization, or don&apos;t connect it.
        </AlertDescription>
        {dismiss}
      </Alert>
    );
  }
  return (
    <Alert variant="success" className="pr-10" data-testid="integrations-banner">
      <AlertTitle>
        {name} connected: {count} {tenantNoun}
        {count === 1 ? "" : "s"}
      </AlertTitle>
      <AlertDescription>The first sync starts with the next scheduled run, or start one now from Sync.</AlertDescription>
      {dismiss}
    </Alert>
  );
}
