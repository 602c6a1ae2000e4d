"use client";

import { AlertTriangle, RefreshCw } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";

import { useFormat } from "@/components/format-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import type { SyncConnectionHealth, SyncConnectionStatus } from "@/lib/sync-views";
import { HeadroomMeter } from "./headroom-meter";
import { ConnectionStatusBadge, RunStatusBadge } from "./sync-badges";
import { formatPercent, formatRelative, PROVIDER_LABELS } from "./sync-format";
import { SyncProgressBar } from "./sync-progress-bar";

export interface ConnectionCardProps {
  org: string;
  connection: SyncConnectionStatus;
  health: SyncConnectionHealth | undefined;
  /** The server's clock (ms), so ages do not depend on the browser's clock. */
  now: number;
  canRun: boolean;
  canManageIntegrations: boolean;
  /** A run of this connection the viewer watched finish: its bar stays at 100% with the outcome. */
  showFinished: boolean;
  starting: boolean;
  startError: string | null;
  onSync: () => void;
}

/** Refresh tokens this close to Xero's 60-day cut-off get a warning. */
const REFRESH_WARNING_DAYS = 7;

function When({ iso, now }: { iso: string; now: number }) {
  const format = useFormat();
  return (
    <time dateTime={iso} title={format.date(iso, "dateTime")}>
      {formatRelative(iso, now)}
    </time>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{term}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

export function ConnectionCard({ org, connection: c, health: h, now, canRun, canManageIntegrations, showFinished, starting, startError, onSync }: ConnectionCardProps) {
  const format = useFormat();
  const name = c.tenantName ?? PROVIDER_LABELS[c.provider];
  const headingId = `sync-connection-${c.id}`;
  const reasonId = `sync-reason-${c.id}`;
  const paused = c.pausedUntil && Date.parse(c.pausedUntil) > now ? c.pausedUntil : null;
  const reason = c.activeRun
    ? c.activeRun.status === "queued"
      ? "A sync is queued for this organization; it starts as soon as a worker is free."
      : "A sync is running; wait for it to finish."
    : c.status === "currency_mismatch"
      ? canManageIntegrations
        ? "This Xero organization keeps its books in another currency: choose in Settings › Integrations before syncing."
        : "This Xero organization keeps its books in another currency; an admin chooses what to do before it can sync."
      : c.status !== "connected"
      ? canManageIntegrations
        ? "Reconnect this organization in Settings › Integrations before syncing."
        : "An admin needs to reconnect this organization before it can sync."
      : null;
  const shownRun = c.activeRun ?? (showFinished ? c.lastRun : null);
  const errorIsCurrent = c.lastError && c.lastErrorAt && (!c.lastSuccessAt || Date.parse(c.lastErrorAt) > Date.parse(c.lastSuccessAt));
  const refreshExpires = h?.token.refreshExpiresAt ?? null;
  const refreshSoon = refreshExpires !== null && Date.parse(refreshExpires) - now < REFRESH_WARNING_DAYS * 86_400_000;

  return (
    <section aria-labelledby={headingId} data-testid="sync-connection">
      <Card className="h-full">
        <CardHeader>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div className="grid gap-1">
              <CardTitle asChild>
                <h2 id={headingId}>{name}</h2>
              </CardTitle>
              <CardDescription>{PROVIDER_LABELS[c.provider]}</CardDescription>
            </div>
            <ConnectionStatusBadge status={c.status} />
          </div>
        </CardHeader>
        <CardContent className="grid gap-5">
          {shownRun ? <SyncProgressBar run={shownRun} label={`Sync of ${name}`} /> : null}

          <dl className="grid grid-cols-2 gap-x-4 gap-y-3">
            <Fact term="Last successful sync">{c.lastSuccessAt ? <When iso={c.lastSuccessAt} now={now} /> : "Never"}</Fact>
            <Fact term="Last sync">
              {c.lastRun ? (
                <span className="inline-flex flex-wrap items-center gap-1.5">
                  <RunStatusBadge status={c.lastRun.status} />
                  <When iso={c.lastRun.finishedAt ?? c.lastRun.createdAt} now={now} />
                  <span className="text-muted-foreground">· {format.number(c.lastRun.rows)} rows</span>
                </span>
              ) : (
                "None yet"
              )}
            </Fact>
            <Fact term="Reliability">
              {h && h.errorRate.last20.finished > 0 ? (
                <span
                  title={`${h.errorRate.last20.failed} of the last ${h.errorRate.last20.finished} finished syncs failed (${formatPercent(h.errorRate.last20.rate, format)}); ${
                    h.errorRate.last24h.finished > 0 ? `${formatPercent(h.errorRate.last24h.rate, format)} in the last 24 hours` : "none finished in the last 24 hours"
                  }`}
                >
                  {h.errorRate.last20.failed === 0
                    ? h.errorRate.last20.finished === 1
                      ? "The last sync worked"
                      : `All of the last ${h.errorRate.last20.finished} syncs worked`
                    : `${h.errorRate.last20.failed} of the last ${h.errorRate.last20.finished} syncs failed`}
                </span>
              ) : h ? (
                "No finished syncs yet"
              ) : (
                "—"
              )}
            </Fact>
            <Fact term="Connection">
              {/* The OAuth token details are for whoever debugs a connection: on hover. */}
              <span
                title={[
                  c.tokenExpiresAt ? `Access token ${Date.parse(c.tokenExpiresAt) > now ? "expires" : "expired"} ${format.date(c.tokenExpiresAt, "dateTime")} (renewed by each sync)` : null,
                  refreshExpires ? `Refresh token ${Date.parse(refreshExpires) > now ? "expires" : "expired"} ${format.date(refreshExpires, "dateTime")} unless used` : null,
                ]
                  .filter(Boolean)
                  .join("; ") || undefined}
                className={refreshSoon ? "font-medium text-destructive" : undefined}
              >
                {!refreshExpires && !c.tokenExpiresAt ? (
                  "—"
                ) : refreshExpires && Date.parse(refreshExpires) <= now ? (
                  "Expired: reconnect Xero"
                ) : refreshSoon ? (
                  <>
                    Ends <When iso={refreshExpires!} now={now} /> unless a sync runs before then
                  </>
                ) : (
                  "Stays signed in to Xero while syncs run"
                )}
              </span>
            </Fact>
            {paused ? (
              <Fact term="Paused">
                Xero&apos;s daily limit was reached; syncs resume <When iso={paused} now={now} />
              </Fact>
            ) : null}
          </dl>

          {h ? (
            <div className="grid gap-2">
              <div className="flex items-baseline justify-between gap-2 text-xs">
                <span className="font-medium" title="Xero limits how many requests an app may make per organization each minute and each day; syncs pause when the limit is reached">
                  Room left under Xero&apos;s limits
                </span>
                {h.rateHeadroom.at ? (
                  <span className="text-muted-foreground">
                    as of <When iso={h.rateHeadroom.at} now={now} />
                  </span>
                ) : null}
              </div>
              <div className="grid gap-2 sm:grid-cols-3">
                <HeadroomMeter label="Today" remaining={h.rateHeadroom.day} limit={h.rateHeadroom.limits.day} />
                <HeadroomMeter label="This minute" remaining={h.rateHeadroom.minute} limit={h.rateHeadroom.limits.minute} />
                <HeadroomMeter label="All organizations, this minute" remaining={h.rateHeadroom.appMinute} limit={h.rateHeadroom.limits.appMinute} />
              </div>
            </div>
          ) : null}

          {errorIsCurrent ? (
            <Alert variant="destructive" role="note">
              <AlertTriangle aria-hidden="true" />
              <AlertTitle>
                Last error, <When iso={c.lastErrorAt!} now={now} />
              </AlertTitle>
              <AlertDescription>{c.lastError}</AlertDescription>
            </Alert>
          ) : null}
          {startError ? (
            <Alert variant="destructive">
              <AlertTitle>The sync could not be started</AlertTitle>
              <AlertDescription>{startError}</AlertDescription>
            </Alert>
          ) : null}
        </CardContent>
        <CardFooter className="mt-auto flex-wrap gap-3">
          {canRun ? (
            <>
              <Button onClick={onSync} disabled={Boolean(reason) || starting} aria-describedby={reason ? reasonId : undefined}>
                {starting || c.activeRun ? <Spinner label="" /> : <RefreshCw aria-hidden="true" />}
                Sync now
              </Button>
              {reason ? (
                <p id={reasonId} className="text-xs text-muted-foreground">
                  {reason}
                </p>
              ) : null}
            </>
          ) : (
            <p className="text-xs text-muted-foreground">Admins and operators can start a sync by hand; scheduled syncs run on their own.</p>
          )}
          {c.status !== "connected" && canManageIntegrations ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/${org}/settings/integrations`}>Open Settings › Integrations</Link>
            </Button>
          ) : null}
        </CardFooter>
      </Card>
    </section>
  );
}
