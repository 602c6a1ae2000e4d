import type { Metadata } from "next";

import { AskView } from "@/components/assistant/ask-view";
import { PageHeader } from "@/components/page-header";
import { getAssistantSettings } from "@/server/assistant/get-assistant-settings";
import { getConversation } from "@/server/assistant/get-conversation";
import { metricAccess } from "@/server/assistant/metric-access";
import { exampleQuestions } from "@/server/assistant/rules-planner";
import { requireOrg } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Ask" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VIEWS = ["financial", "practice", "procurement"] as const;

/** `?c=` reopens a conversation; `?about=` (a dashboard's "Ask about this") picks its examples; `?q=` fills the question box. */
export default async function AskPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org: slug } = await params;
  const query = await searchParams;
  const { viewer, org } = await requireOrg(slug, "dashboards.view");
  const { access, settings } = await viewer.db(async (tx) => ({ access: await metricAccess(tx, org), settings: await getAssistantSettings(tx, org.id) }));
  const about = VIEWS.find((v) => v === query.about);
  const focused = about ? access.available.filter((m) => m.dashboardView === about) : [];
  const examples = exampleQuestions(focused.length ? focused : access.available, 6);
  const id = typeof query.c === "string" && UUID.test(query.c) ? query.c : null;
  // Somebody else's or a deleted conversation opens as a new one (it is not revealed to exist).
  const conversation = id ? await viewer.db((tx) => getConversation(tx, org.id, id)).catch(() => null) : null;
  const plannerNote =
    settings.modelEnabled && settings.modelConfigured
      ? `Your organization lets ${settings.model ?? "its model"} word the answers; every figure it writes is checked against the computed results, and the built-in rules planner answers whenever it cannot.`
      : "The built-in rules planner answers: nothing is sent outside XeroPulse.";
  return (
    <>
      <PageHeader title="Ask XeroPulse" description="Questions about your organization's numbers, in plain language." />
      <AskView
        org={org.slug}
        currency={org.currency}
        examples={examples}
        canAsk={access.available.length > 0}
        plannerNote={plannerNote}
        initialConversation={conversation}
        initialQuestion={typeof query.q === "string" ? query.q.slice(0, 500) : null}
      />
    </>
  );
}
