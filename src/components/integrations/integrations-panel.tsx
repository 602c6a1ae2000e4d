"use client";

import { Plug, Unplug } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";

import { useFormat } from "@/components/format-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { ApiError } from "@/lib/api-client";
import type { IntegrationView } from "@/lib/integration-views";
import { useAdoptIntegrationCurrency, useDisconnectIntegration, useIntegrations } from "./integration-queries";
import { PROVIDERS } from "./integration-types";

type IntegrationItem = IntegrationView;
type Provider = IntegrationItem["provider"];

const STATUS: Record<IntegrationItem["status"], { label: string; variant: "success" | "warning" | "outline" }> = {
  connected: { label: "Connected", variant: "success" },
  reconnect_required: { label: "Reconnect required", variant: "warning" },
  disconnected: { label: "Disconnected", variant: "outline" },
  currency_mismatch: { label: "Currency to choose", variant: "warning" },
};

const tenantLabel = (item: IntegrationItem) => item.tenantName ?? item.tenantId;

/** The connect link is a full navigation: Xero's consent page must be top level, never fetched. */
const connectHref = (org: string, provider: Provider) => `/api/integrations/xero/connect?${new URLSearchParams({ provider, org })}`;

export function IntegrationsPanel({ org, orgName, xeroConfigured }: { org: string; orgName: string; xeroConfigured: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const integrations = useIntegrations(org);
  const [notice, setNotice] = useState<{ tenant: string; removedInXero: boolean } | null>(null);
  const disconnect = useDisconnectIntegration(org);
  const [adopted, setAdopted] = useState<{ tenant: string; currency: string; previousCurrency: string } | null>(null);
  const adopt = useAdoptIntegrationCurrency(org);
  const startDisconnect = (item: IntegrationItem) => {
    disconnect.reset();
    adopt.reset();
    setNotice(null);
    setAdopted(null);
    disconnect.mutate(
      { id: item.id },
      {
        onSuccess: (result) => setNotice({ tenant: tenantLabel(item), removedInXero: result.removedInXero }),
        onError: (error) => toast({ variant: "error", title: `Could not disconnect ${tenantLabel(item)}`, description: error.message }),
      },
    );
  };
  const adoptFailure = adopt.error instanceof ApiError ? adopt.error : null;

  return (
    <div className="grid gap-6">
      {!xeroConfigured ? (
        <Alert>
          <AlertTitle>Xero is not configured on this server</AlertTitle>
          <AlertDescription>
            Connecting needs a Xero app: the server administrator needs to register one with Xero and give its details to this server
            (see Deploy in the README). Existing connections keep syncing.
          </AlertDescription>
        </Alert>
      ) : null}
      {notice ? (
        <Alert variant="success">
          <AlertTitle>{notice.tenant} is disconnected</AlertTitle>
          <AlertDescription>
            {notice.removedInXero
              ? "It no longer syncs and its tokens are deleted."
              : "It no longer syncs and its tokens are deleted. Xero could not be told, so it may still be listed under Connected apps in Xero; remove it there."}
          </AlertDescription>
        </Alert>
      ) : null}
      {adopted ? (
        <Alert variant="success" role="status">
          <AlertTitle>
            {orgName} now uses {adopted.currency}
          </AlertTitle>
          <AlertDescription>
            {adopted.tenant} syncs from now on, and amounts show in {adopted.currency} (was {adopted.previousCurrency}). Nothing was converted.
          </AlertDescription>
        </Alert>
      ) : null}
      {adoptFailure ? (
        <Alert variant="destructive">
          <AlertTitle>Could not change the currency</AlertTitle>
          <AlertDescription>{adoptFailure.message}</AlertDescription>
        </Alert>
      ) : null}
      {(Object.keys(PROVIDERS) as Provider[]).map((provider) => (
        <ProviderCard
          key={provider}
          org={org}
          provider={provider}
          configured={xeroConfigured}
          query={integrations}
          currency={{ orgName, adopting: adopt.isPending ? integrations.data?.items.find((i) => i.id === adopt.variables?.id) : undefined, onAdopt: (item) => {
            disconnect.reset();
            setNotice(null);
            setAdopted(null);
            adopt.mutate(
              { id: item.id },
              {
                onSuccess: (result) => {
                  setAdopted({ tenant: tenantLabel(item), currency: result.currency, previousCurrency: result.previousCurrency });
                  // The currency shows on server-rendered pages too (the overview, dashboards).
                  router.refresh();
                },
              },
            );
          } }}
          onDisconnect={startDisconnect}
          disconnecting={disconnect.isPending ? disconnect.variables?.id : undefined}
        />
      ))}
    </div>
  );
}

/** What a row held back for its currency needs: whose currency it is, and the adopt action. */
interface CurrencyDecision {
  orgName: string;
  /** The connection whose adoption is in flight. */
  adopting: IntegrationItem | undefined;
  onAdopt: (item: IntegrationItem) => void;
}

interface ProviderCardProps {
  org: string;
  provider: Provider;
  configured: boolean;
  query: ReturnType<typeof useIntegrations>;
  currency: CurrencyDecision;
  onDisconnect: (item: IntegrationItem) => void;
  /** The connection whose disconnection is in flight. */
  disconnecting: string | undefined;
}

function ProviderCard({ org, provider, configured, query, currency, onDisconnect, disconnecting }: ProviderCardProps) {
  const { name, tenantNoun, description } = PROVIDERS[provider];
  const items = query.data?.items.filter((item) => item.provider === provider) ?? [];
  const hasLive = items.some((item) => item.status !== "disconnected");
  const headingId = `integration-${provider}`;
  return (
    <Card aria-labelledby={headingId} data-testid={`integration-card-${provider}`}>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle asChild>
            <h2 id={headingId}>{name}</h2>
          </CardTitle>
          <CardDescription>{description}</CardDescription>
        </div>
        {configured ? (
          <Button asChild variant={hasLive ? "outline" : "default"}>
            <a href={connectHref(org, provider)}>
              <Plug aria-hidden="true" />
              {hasLive ? `Connect another ${tenantNoun}` : `Connect ${provider === "xero" ? "Xero" : "XPM"}`}
            </a>
          </Button>
        ) : (
          <Button disabled title="Xero is not configured on this server">
            <Plug aria-hidden="true" />
            Connect {provider === "xero" ? "Xero" : "XPM"}
          </Button>
        )}
      </CardHeader>
      <CardContent>
        {query.isPending ? (
          <div className="grid gap-2" aria-busy="true" aria-label={`Loading ${name} connections`}>
            <Skeleton className="h-16 w-full" />
          </div>
        ) : query.isError ? (
          <Alert variant="destructive">
            <AlertTitle>Connections could not be loaded</AlertTitle>
            <AlertDescription>{query.error.message}</AlertDescription>
          </Alert>
        ) : items.length === 0 ? (
          <div className="flex flex-col items-center gap-2 rounded-md border py-8 text-center text-sm text-muted-foreground">
            <Unplug aria-hidden="true" className="size-6" />
            No {name} {tenantNoun} connected yet.
          </div>
        ) : (
          <ul className="divide-y rounded-md border" aria-label={`${name} connections`}>
            {items.map((item) => (
              <ConnectionRow
                key={item.id}
                org={org}
                item={item}
                configured={configured}
                fetchedAt={query.dataUpdatedAt}
                orgCurrency={query.data?.currency ?? ""}
                currency={currency}
                onDisconnect={onDisconnect}
                disconnecting={disconnecting === item.id}
              />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

interface ConnectionRowProps {
  org: string;
  item: IntegrationItem;
  configured: boolean;
  /** When the list was read: a pause that had ended by then is not shown. */
  fetchedAt: number;
  orgCurrency: string;
  currency: CurrencyDecision;
  onDisconnect: (item: IntegrationItem) => void;
  disconnecting: boolean;
}

/**
 * The one confirmation before a connection stops syncing, whichever button asked for it (Disconnect,
 * or Don't connect on a connection held back for its currency).
 */
function ConfirmDisconnect({ item, trigger, onConfirm }: { item: IntegrationItem; trigger: ReactNode; onConfirm: () => void }) {
  return (
    <ConfirmDialog
      trigger={trigger}
      title={`Disconnect ${tenantLabel(item)}?`}
      description={
        <>
          XeroPulse stops syncing this {PROVIDERS[item.provider].name} organisation, cancels its queued syncs and deletes its stored tokens. It
          is also removed from the apps connected in Xero. Data already synced stays. You can connect it again at any time.
        </>
      }
      confirmLabel="Disconnect"
      onConfirm={onConfirm}
    />
  );
}

function ConnectionRow({ org, item, configured, fetchedAt, orgCurrency, currency, onDisconnect, disconnecting }: ConnectionRowProps) {
  const format = useFormat();
  const formatWhen = (iso: string | null) => (iso ? format.date(iso, "dateTime") : null);
  const status = STATUS[item.status];
  const label = tenantLabel(item);
  const facts: Array<[string, string]> = [];
  if (item.status === "disconnected") {
    facts.push(["Disconnected", formatWhen(item.disconnectedAt) ?? "—"]);
  } else {
    facts.push(["Last successful sync", formatWhen(item.lastSuccessAt) ?? "Not synced yet"]);
    facts.push(["Access token expires", formatWhen(item.tokenExpiresAt) ?? "—"]);
    if (item.pausedUntil && Date.parse(item.pausedUntil) > fetchedAt) facts.push(["Paused (daily limit) until", formatWhen(item.pausedUntil)!]);
  }
  facts.push(["Connected", `${formatWhen(item.connectedAt)}${item.connectedByEmail ? ` by ${item.connectedByEmail}` : ""}`]);
  return (
    <li className="grid gap-2 px-4 py-3 text-sm" data-testid="integration-row">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium break-all">{label}</span>
          <Badge variant={status.variant}>{status.label}</Badge>
        </div>
        <div className="flex items-center gap-2">
          {item.status === "reconnect_required" && configured ? (
            <Button asChild size="sm">
              <a href={connectHref(org, item.provider)}>
                Reconnect<span className="sr-only"> {label}</span>
              </a>
            </Button>
          ) : null}
          {item.status !== "disconnected" && item.status !== "currency_mismatch" ? (
            <ConfirmDisconnect
              item={item}
              onConfirm={() => onDisconnect(item)}
              trigger={
                <Button size="sm" variant="outline" disabled={disconnecting} aria-busy={disconnecting}>
                  {disconnecting ? "Disconnecting…" : "Disconnect"}
                  <span className="sr-only"> {label}</span>
                </Button>
              }
            />
          ) : null}
        </div>
      </div>
      <dl className="grid gap-x-6 gap-y-1 text-muted-foreground sm:grid-cols-2">
        {facts.map(([term, value]) => (
          <div key={term} className="flex flex-wrap gap-x-1">
            <dt>{term}:</dt>
            <dd className="text-foreground">{value}</dd>
          </div>
        ))}
      </dl>
      {item.status === "currency_mismatch" ? <CurrencyChoice item={item} orgCurrency={orgCurrency} decision={currency} onRefuse={onDisconnect} /> : null}
      {item.lastError && item.status !== "disconnected" ? (
        <p className="rounded-md bg-destructive/10 px-3 py-2 text-destructive" role="note">
          <span className="font-medium">Last error{item.lastErrorAt ? ` (${formatWhen(item.lastErrorAt)})` : ""}:</span> {item.lastError}
        </p>
      ) : null}
    </li>
  );
}

/**
 * A connection held back because its books are in another currency: XeroPulse adds amounts up as
 * they are, so the admin either makes Xero's currency the organization's, or does not connect it.
 */
function CurrencyChoice({ item, orgCurrency, decision, onRefuse }: { item: IntegrationItem; orgCurrency: string; decision: CurrencyDecision; onRefuse: (item: IntegrationItem) => void }) {
  const label = tenantLabel(item);
  const pending = decision.adopting !== undefined;
  const id = `currency-choice-${item.id}`;
  return (
    <div className="grid gap-3 rounded-md border border-warning/50 bg-warning/10 px-3 py-3" role="group" aria-labelledby={id} data-testid="currency-choice">
      <p id={id}>
        <span className="font-medium">
          {label} keeps its books in {item.baseCurrency}; {decision.orgName} uses {orgCurrency}.
        </span>{" "}
        XeroPulse does not convert currencies, so nothing syncs until you choose.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={() => decision.onAdopt(item)} disabled={pending} aria-busy={decision.adopting?.id === item.id}>
          {decision.adopting?.id === item.id ? "Switching…" : `Use ${item.baseCurrency} for ${decision.orgName}`}
        </Button>
        <ConfirmDisconnect
          item={item}
          onConfirm={() => onRefuse(item)}
          trigger={
            <Button size="sm" variant="outline" disabled={pending}>
              Don&apos;t connect<span className="sr-only"> {label}</span>
            </Button>
          }
        />
      </div>
    </div>
  );
}
