import type { Metadata } from "next";

import { PageHeader } from "@/components/page-header";
import { QuantitySurveyList } from "@/components/procurement/quantity-survey-list";
import { requireOrg } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Quantity surveys" };

export default async function QuantitySurveysPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org: slug } = await params;
  const { org } = await requireOrg(slug, "procurement.read");
  const raw = await searchParams;
  const poNumber = typeof raw.poNumber === "string" ? raw.poNumber.slice(0, 100) : "";
  const page = Math.max(1, Math.min(10_000, Number.parseInt(typeof raw.page === "string" ? raw.page : "1", 10) || 1));
  return (
    <>
      <PageHeader title="Quantity surveys" description={`Valuations of work done against ${org.name}'s purchase orders, newest first.`} />
      <QuantitySurveyList org={org.slug} initialFilters={{ poNumber, page, pageSize: 50 }} />
    </>
  );
}
