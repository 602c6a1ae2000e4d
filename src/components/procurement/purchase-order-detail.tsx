"use client";

import { FileSpreadsheet, ReceiptText } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";

import { useFormat } from "@/components/format-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { QS_DETAIL_LIMIT, type PurchaseOrderDetailView, type PurchaseOrderImportEffect } from "@/lib/procurement-views";
import { LevelBadge, PoStatusBadge } from "./level-badge";
import { formatPercent, remaining, runningTotals } from "./procurement-format";
import { usePurchaseOrder } from "./procurement-queries";
import { SpendChart } from "./spend-chart";
import { UtilizationBar } from "./utilization-bar";
import { Table } from "@/components/ui/table";


const EFFECT_LABELS: Record<PurchaseOrderImportEffect, string> = { created: "Created it", updated: "Updated it", quantity_surveys: "Quantity surveys" };

/** A PO's page: its figures, the spend chart, its quantity surveys and the imports that wrote it. */
export function PurchaseOrderDetail({ org, initial, canImport }: { org: string; initial: PurchaseOrderDetailView; canImport: boolean }) {
  const format = useFormat();
  const formatDay = (iso: string | null) => (iso ? format.date(iso) : "—");
  const query = usePurchaseOrder(org, initial.id, initial);
  const po = query.data ?? initial;
  const totals = runningTotals(po.quantitySurveys.map((q) => q.amount));
  const left = remaining(po.orderValue, po.spent);

  return (
    <div className="grid min-w-0 grid-cols-1 gap-6">
      {query.isError ? (
        <Alert variant="destructive">
          <AlertTitle>This purchase order could not be refreshed</AlertTitle>
          <AlertDescription>{query.error.message}</AlertDescription>
        </Alert>
      ) : null}
      <Card>
        <CardContent className="grid gap-6">
          <div className="grid gap-3">
            <div className="flex flex-wrap items-center gap-2">
              <PoStatusBadge status={po.status} />
              <LevelBadge level={po.level} />
              {po.source === "import" ? <Badge variant="outline">Imported</Badge> : null}
            </div>
            <UtilizationBar
              percent={po.utilizationPercent}
              spent={po.spent}
              level={po.level}
              thresholds={po.thresholds}
              label={`Utilization of ${po.poNumber}`}
              className="max-w-xl"
            />
          </div>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-4 text-sm sm:grid-cols-3 lg:grid-cols-4">
            <Fact label="Order value"><span className="tabular-nums">{format.money(po.orderValue, po.currency)}</span></Fact>
            <Fact label="Spent"><span className="tabular-nums">{format.money(po.spent, po.currency)}</span></Fact>
            <Fact label={left.startsWith("-") ? "Over budget by" : "Remaining"}>
              <span className={cn("tabular-nums", left.startsWith("-") && "text-destructive")}>{format.money(left.replace(/^-/, ""), po.currency)}</span>
            </Fact>
            <Fact label="Utilization">{formatPercent(po.utilizationPercent, format)}</Fact>
            <Fact label="Supplier">{po.supplier}</Fact>
            <Fact label="Order date">{formatDay(po.orderDate)}</Fact>
            <Fact label="Job">{po.jobNumber ? (po.job ? `${po.jobNumber} · ${po.job.name}` : po.jobNumber) : "—"}</Fact>
            <Fact label="Last changed"><time dateTime={po.updatedAt}>{format.date(po.updatedAt, "dateTime")}</time></Fact>
            {po.description ? <Fact label="Description" className="col-span-full">{po.description}</Fact> : null}
          </dl>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle asChild><h2>Spend over time</h2></CardTitle>
          <CardDescription>Quantity surveys added up by valuation date, against the order value and the organization&apos;s thresholds.</CardDescription>
        </CardHeader>
        <CardContent>
          {po.spendSeries.length ? (
            <SpendChart series={po.spendSeries} orderValue={po.orderValue} orderDate={po.orderDate} currency={po.currency} thresholds={po.thresholds} />
          ) : (
            <p className="py-6 text-center text-sm text-muted-foreground">Nothing has been valued against this order yet.</p>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle asChild><h2>Quantity surveys</h2></CardTitle>
          <CardDescription>
            {po.quantitySurveyTotal === 0
              ? "No quantity survey values work against this order yet."
              : `${format.number(po.quantitySurveyTotal)} ${po.quantitySurveyTotal === 1 ? "valuation" : "valuations"}, oldest first${po.quantitySurveyTotal > QS_DETAIL_LIMIT ? ` (the first ${format.number(QS_DETAIL_LIMIT)} shown)` : ""}.`}
          </CardDescription>
        </CardHeader>
        {po.quantitySurveys.length ? (
          <CardContent>
            <Table data-testid="qs-table" label="Quantity surveys of this purchase order">
                <caption className="sr-only">Quantity surveys of {po.poNumber}, oldest valuation first</caption>
                <thead className="bg-muted/50 text-left text-xs text-muted-foreground uppercase">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">Valuation date</th>
                    <th scope="col" className="px-3 py-2 font-medium">QS</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">Amount</th>
                    <th scope="col" className="hidden px-3 py-2 text-right font-medium sm:table-cell">To date</th>
                    <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">Description</th>
                  </tr>
                </thead>
                <tbody>
                  {po.quantitySurveys.map((qs, i) => (
                    <tr key={qs.id} className="border-t" data-testid="qs-row">
                      <td className="px-3 py-2 whitespace-nowrap">{formatDay(qs.valuationDate)}</td>
                      <td className="px-3 py-2 whitespace-nowrap">{qs.qsNumber}</td>
                      <td className={cn("px-3 py-2 text-right whitespace-nowrap tabular-nums", qs.amount.startsWith("-") && "text-destructive")}>{format.money(qs.amount, po.currency)}</td>
                      <td className="hidden px-3 py-2 text-right whitespace-nowrap tabular-nums sm:table-cell">{format.money(totals[i]!, po.currency)}</td>
                      <td className="hidden px-3 py-2 text-muted-foreground md:table-cell">{qs.description ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            {po.quantitySurveyTotal > QS_DETAIL_LIMIT ? (
              <Button variant="link" asChild className="px-0">
                <Link href={`/${org}/quantity-surveys?poNumber=${encodeURIComponent(po.poNumber)}`}>All quantity surveys of {po.poNumber}</Link>
              </Button>
            ) : null}
          </CardContent>
        ) : null}
      </Card>

      <Card>
        <CardHeader>
          <CardTitle asChild><h2>Imports</h2></CardTitle>
          <CardDescription>The Excel imports that wrote this order or its quantity surveys, newest first.</CardDescription>
        </CardHeader>
        <CardContent>
          {po.imports.length === 0 ? (
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              <ReceiptText aria-hidden="true" className="size-4" />
              {po.source === "manual" ? "Entered directly, not by an import." : "No import of it is on record."}
            </p>
          ) : (
            <ul className="grid gap-2" aria-label="Imports">
              {po.imports.map((imp) => (
                <li key={imp.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border px-3 py-2 text-sm" data-testid="po-import">
                  <FileSpreadsheet aria-hidden="true" className="size-4 text-muted-foreground" />
                  {canImport ? (
                    <Link href={`/${org}/imports?import=${imp.id}`} className="font-medium break-all underline-offset-4 hover:underline">{imp.fileName}</Link>
                  ) : (
                    <span className="font-medium break-all">{imp.fileName}</span>
                  )}
                  <span className="flex flex-wrap gap-1">
                    {imp.effects.map((e) => <Badge key={e} variant="secondary">{EFFECT_LABELS[e]}</Badge>)}
                  </span>
                  <span className="text-muted-foreground">
                    {imp.createdBy ? `${imp.createdBy.name ?? imp.createdBy.email ?? "someone"}, ` : ""}
                    <time dateTime={imp.createdAt}>{format.date(imp.createdAt, "dateTime")}</time>
                  </span>
                  <Badge variant="outline" className="ml-auto">{imp.status}</Badge>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

function Fact({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className={cn("grid gap-0.5", className)}>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="font-medium break-words">{children}</dd>
    </div>
  );
}
