import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import Link from "next/link";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Formatter } from "@/lib/formatter";
import type { HomeFigure } from "@/lib/home-views";
import { cn } from "@/lib/utils";
import { Sparkline } from "./sparkline";


/** One key figure: its value, its change against the previous period (coloured by whether that is good news), its trend. */
export function FigureCard({ figure, currency, format: formatter, href }: { figure: HomeFigure; currency: string; format: Formatter; href: string | null }) {
  const format = (v: number) => (figure.unit === "money" ? formatter.money(v, currency) : `${formatter.number(v)} h`);
  const change = figure.change;
  const good = change !== null && change !== 0 && change > 0 === figure.higherIsBetter;
  const Arrow = change === null || change === 0 ? Minus : change > 0 ? ArrowUpRight : ArrowDownRight;
  return (
    <Card className="gap-2 py-4" data-testid={`home-figure-${figure.key}`}>
      <CardHeader className="px-4">
        <CardDescription>{href ? <Link className="underline-offset-4 hover:underline" href={href}>{figure.label}</Link> : figure.label}</CardDescription>
        <CardTitle asChild>
          <p className="text-2xl font-semibold tabular-nums" data-testid="home-figure-value">{format(figure.value)}</p>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-2 px-4 text-xs text-muted-foreground">
        {change !== null ? (
          <p className={cn("flex items-center gap-1 font-medium", good ? "text-success" : change === 0 ? "" : "text-destructive")}>
            <Arrow aria-hidden="true" className="size-3.5" />
            <span>
              {formatter.percent(change, { signed: true })} <span className="font-normal text-muted-foreground">on the previous 30 days ({format(figure.previous ?? 0)})</span>
            </span>
          </p>
        ) : figure.previous !== null ? (
          <p>No change to compare with (previous 30 days: {format(figure.previous)})</p>
        ) : null}
        {figure.secondary ? (
          <p>
            {figure.secondary.label}: <span className="tabular-nums">{format(figure.secondary.value)}</span>
          </p>
        ) : null}
        {figure.trend.length > 1 ? (
          <>
            <Sparkline data={figure.trend} />
            <table className="sr-only">
              <caption>{figure.label} by month</caption>
              <tbody>
                {figure.trend.map((t) => (
                  <tr key={t.month}>
                    <th scope="row">{formatter.date(t.month, "month")}</th>
                    <td>{format(t.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
        {figure.note ? <p>{figure.note}</p> : null}
      </CardContent>
    </Card>
  );
}
