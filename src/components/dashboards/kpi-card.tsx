import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export function KpiCard({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card className="gap-2 py-4" data-testid="kpi">
      <CardHeader className="px-4">
        <CardDescription>{label}</CardDescription>
        <CardTitle asChild>
          <p className="text-2xl font-semibold tabular-nums" data-testid="kpi-value">{value}</p>
        </CardTitle>
      </CardHeader>
      {hint ? <CardContent className="px-4 text-xs text-muted-foreground">{hint}</CardContent> : null}
    </Card>
  );
}
