import { ArrowRight } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";

import { AlertLevelBadge } from "@/components/alerts/alert-level-badge";
import { IMPORT_STATUS_LABELS, IMPORT_STATUS_VARIANT, IMPORT_TYPE_LABELS } from "@/components/imports/import-format";
import { PROVIDER_LABELS } from "@/components/sync/sync-format";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatter, type Formatter } from "@/lib/formatter";
import type { HomeSync, HomeView } from "@/lib/home-views";
import { ROLE_LABELS } from "@/lib/role-labels";
import { FigureCard } from "./figure-card";

const LEVELS = ["over_budget", "critical", "warning"] as const;

/** One titled block of the home page, with a link to the page that holds the rest. */
function Block({ id, title, description, href, linkLabel, children }: { id: string; title: string; description?: string; href: string; linkLabel: string; children: ReactNode }) {
  return (
    <Card className="gap-3" data-testid={`home-${id}`} aria-labelledby={`home-${id}-title`} role="region">
      <CardHeader>
        <CardTitle asChild>
          <h2 id={`home-${id}-title`} className="text-base">{title}</h2>
        </CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {children}
        <Link href={href} className="inline-flex w-fit items-center gap-1 font-medium text-primary underline-offset-4 hover:underline">
          {linkLabel}
          <ArrowRight aria-hidden="true" className="size-4" />
        </Link>
      </CardContent>
    </Card>
  );
}

/** The last sync of each connection, in plain words. */
function syncSentence(c: HomeSync["connections"][number], format: Formatter): { text: string; tone: "success" | "warning" | "destructive" | "secondary" } {
  if (c.status === "reconnect_required") return { text: "Needs to be reconnected by an admin", tone: "destructive" };
  if (c.status === "currency_mismatch") return { text: "Waiting for an admin to choose a currency", tone: "warning" };
  if (c.status === "disconnected") return { text: "Disconnected", tone: "secondary" };
  if (c.running) return { text: "Syncing now", tone: "secondary" };
  const run = c.lastRun;
  if (!run) return { text: "Connected; not synced yet", tone: "secondary" };
  const when = run.finishedAt ? format.date(run.finishedAt, "dateTime") : "";
  if (run.status === "succeeded") return { text: `Last synced ${when}`, tone: "success" };
  if (run.status === "partial") return { text: `Last sync ${when} stopped part-way; the next one continues`, tone: "warning" };
  if (run.status === "failed") return { text: `Last sync ${when} failed`, tone: "destructive" };
  return { text: `Last sync ${when} was cancelled`, tone: "secondary" };
}

/**
 * The home page's blocks for an organization with data, each present only when the role may see it.
 * A server component: it formats in the organization's locale and zone itself (no useFormat()).
 */
export function HomeOverview({ home, slug }: { home: HomeView; slug: string }) {
  const format = formatter({ locale: home.locale, timeZone: home.timezone });
  return (
    <div className="grid gap-6">
      {home.figures ? (
        <section aria-labelledby="home-figures-title" className="grid gap-3" data-testid="home-figures">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="home-figures-title" className="text-lg font-semibold tracking-tight">Last 30 days</h2>
            <p className="text-xs text-muted-foreground">
              {format.date(home.period.from)} – {format.date(home.period.to)}, compared with the 30 days before
            </p>
          </div>
          <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
            {home.figures.map((f) => (
              <FigureCard key={f.key} figure={f} currency={home.currency} format={format} href={f.dashboardId ? `/${slug}/dashboards/${f.dashboardId}` : null} />
            ))}
          </div>
        </section>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-2">
        {home.alerts ? (
          <Block id="alerts" title="Open alerts" description="Purchase orders nearing or past their budget" href={`/${slug}/alerts`} linkLabel="See all alerts">
            {home.alerts.open + home.alerts.acknowledged === 0 ? (
              <p className="text-muted-foreground">No open alerts: every purchase order is on track.</p>
            ) : (
              <ul className="grid gap-2">
                {LEVELS.map((level) => (
                  <li key={level} className="flex items-center justify-between gap-3">
                    <AlertLevelBadge level={level} />
                    <span className="font-semibold tabular-nums" data-testid={`home-alerts-${level}`}>{home.alerts!.byLevel[level]}</span>
                  </li>
                ))}
                <li className="text-xs text-muted-foreground">
                  {home.alerts.open} waiting for someone to look, {home.alerts.acknowledged} acknowledged
                </li>
              </ul>
            )}
          </Block>
        ) : null}

        {home.sync ? (
          <Block id="sync" title="Sync with Xero" href={`/${slug}/admin/sync`} linkLabel="Open Sync">
            {home.sync.connections.length === 0 ? (
              <p className="text-muted-foreground">Nothing is connected yet.</p>
            ) : (
              <ul className="grid gap-3">
                {home.sync.connections.map((c) => {
                  const s = syncSentence(c, format);
                  return (
                    <li key={c.id} className="grid gap-1">
                      <span className="flex flex-wrap items-center gap-2 font-medium">
                        {PROVIDER_LABELS[c.provider]}
                        {c.tenantName ? <span className="font-normal text-muted-foreground">{c.tenantName}</span> : null}
                      </span>
                      <span className="flex flex-wrap items-center gap-2">
                        {s.tone === "secondary" ? null : <Badge variant={s.tone}>{s.tone === "success" ? "Up to date" : s.tone === "destructive" ? "Needs attention" : "Check"}</Badge>}
                        <span>{s.text}</span>
                      </span>
                    </li>
                  );
                })}
              </ul>
            )}
          </Block>
        ) : null}

        {home.imports ? (
          <Block id="imports" title="Recent imports" href={`/${slug}/imports`} linkLabel="Open Imports">
            {home.imports.length === 0 ? (
              <p className="text-muted-foreground">No spreadsheets imported yet.</p>
            ) : (
              <ul className="grid gap-2">
                {home.imports.map((i) => (
                  <li key={i.id} className="grid gap-0.5">
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="min-w-0 font-medium break-all">{i.fileName}</span>
                      <Badge variant={IMPORT_STATUS_VARIANT[i.status]}>{IMPORT_STATUS_LABELS[i.status]}</Badge>
                    </span>
                    <span className="text-xs text-muted-foreground">
                      {IMPORT_TYPE_LABELS[i.type]} · {format.number(i.rows)} rows · {format.date(i.createdAt, "dateTime")}
                      {i.createdBy ? ` · ${i.createdBy}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Block>
        ) : null}

        {home.invitations ? (
          <Block id="invitations" title="Pending invitations" href={`/${slug}/settings/users`} linkLabel="Manage users">
            {home.invitations.pending === 0 ? (
              <p className="text-muted-foreground">No one is waiting to join.</p>
            ) : (
              <>
                <p>
                  <span className="font-semibold tabular-nums" data-testid="home-invitations-pending">{home.invitations.pending}</span>{" "}
                  {home.invitations.pending === 1 ? "person has" : "people have"} not accepted yet.
                </p>
                <ul className="grid gap-1">
                  {home.invitations.latest.map((i) => (
                    <li key={i.id} className="flex flex-wrap items-center gap-2">
                      <span className="min-w-0 break-all">{i.email}</span>
                      <span className="text-xs text-muted-foreground">
                        {ROLE_LABELS[i.role]} · link valid until {format.date(i.expiresAt)}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {home.invitations.expired > 0 ? (
              <p className="text-xs text-muted-foreground">{home.invitations.expired} expired: send them again from Users.</p>
            ) : null}
          </Block>
        ) : null}

        {home.membersWithoutMfa !== null ? (
          <Block id="mfa" title="Two-factor sign-in" href={`/${slug}/settings/users`} linkLabel="See members">
            <p>
              {home.membersWithoutMfa === 0
                ? "Every member signs in with two factors."
                : `${home.membersWithoutMfa} ${home.membersWithoutMfa === 1 ? "member has" : "members have"} not set up two-factor sign-in.`}
            </p>
          </Block>
        ) : null}
      </div>
    </div>
  );
}
