import type { Metadata } from "next";

import { CallbackBanner, type CallbackResult } from "@/components/integrations/callback-banner";
import { IntegrationsPanel } from "@/components/integrations/integrations-panel";
import { PageHeader } from "@/components/page-header";
import { requireOrg } from "@/server/auth/current-user";
import { xeroConnectable } from "@/server/integrations/xero-connectable";

export const metadata: Metadata = { title: "Integrations" };

type SearchParams = Record<string, string | string[] | undefined>;

/** The consent's outcome from the callback's redirect (`provider` with `connected` and `pending`, or `code`). */
function callbackResult(params: SearchParams): CallbackResult | null {
  const one = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : undefined);
  const provider = one("provider");
  if (provider !== "xero" && provider !== "xpm") return null;
  const code = one("code");
  if (code) return { provider, code };
  const count = (key: string) => {
    const n = Number(one(key) ?? 0);
    return Number.isInteger(n) && n > 0 ? n : 0;
  };
  const connected = count("connected");
  const pending = count("pending");
  return connected > 0 || pending > 0 ? { provider, connected, pending } : null;
}

export default async function IntegrationsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<SearchParams> }) {
  const { org: slug } = await params;
  const { org } = await requireOrg(slug, "integrations.manage");
  const result = callbackResult(await searchParams);
  return (
    <>
      <PageHeader title="Integrations" description={`Connect ${org.name} to Xero and Xero Practice Manager, and see how each connection is doing.`} />
      <div className="grid gap-6">
        {result ? <CallbackBanner result={result} /> : null}
        <IntegrationsPanel org={org.slug} orgName={org.name} xeroConfigured={xeroConnectable()} />
      </div>
    </>
  );
}
