"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { ApiError } from "@/lib/api-client";
import type { AssistantSettingsView } from "@/lib/assistant-views";
import { useSaveAssistantSettings } from "./assistant-queries";

/**
 * Settings › Organization › Ask XeroPulse: the opt-in that lets the configured model word answers.
 * Off by default; the card says exactly what leaves XeroPulse when it is on.
 */
export function AssistantSettingsForm({ org, settings }: { org: string; settings: AssistantSettingsView }) {
  const router = useRouter();
  const toast = useToast();
  const [enabled, setEnabled] = useState(settings.modelEnabled);
  const save = useSaveAssistantSettings(org);
  const where = settings.endpointHost ? `${settings.model ?? "the model"} at ${settings.endpointHost}` : "the configured model";

  return (
    <form
      className="grid max-w-2xl gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(enabled, {
          onSuccess: (saved) => {
            toast(
              saved.modelEnabled
                ? { title: "The model is on", description: "New questions are answered by the model, checked against the figures." }
                : { title: "The model is off", description: "New questions are answered by the built-in rules planner; nothing is sent." },
            );
            setEnabled(saved.modelEnabled);
            router.refresh();
          },
        });
      }}
    >
      {save.isError ? (
        <Alert variant="destructive">
          <AlertTitle>Not saved</AlertTitle>
          <AlertDescription>{save.error instanceof ApiError ? save.error.message : "Something went wrong."}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-2 text-sm text-muted-foreground">
        <p>
          Without a model, Ask XeroPulse answers with its built-in rules planner, inside XeroPulse. With the model on, questions go to {where}, which picks the metric and words the answer; every figure it writes must match the computed results, or the rules planner answers instead.
        </p>
        <p className="font-medium text-foreground">What is sent to the model when this is on</p>
        <ul className="list-disc pl-5">
          <li>the question, and the previous questions and answers of the same conversation (text only);</li>
          <li>today&apos;s date, the organization&apos;s time zone and currency, and the names and definitions of the metrics the person asking may use;</li>
          <li>the results of the metrics it asks for: totals and up to 25 rows, which can include names of contacts, clients, staff, jobs and suppliers.</li>
        </ul>
        <p>Never sent: individual invoices, payments or time entries, email addresses, who is asking, or anything the person asking may not see.</p>
      </div>
      {settings.modelConfigured ? (
        <label className="flex items-start gap-3 text-sm">
          <input type="checkbox" className="mt-0.5 size-4 accent-primary" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          <span>
            <span className="font-medium">Send questions to {where}</span>
            <span className="block text-muted-foreground">Off by default. Applies to every member&apos;s new questions.</span>
          </span>
        </label>
      ) : (
        <Alert>
          <AlertDescription>
            <p>
              No language model is set up on this server, so nothing can be sent: the built-in rules answer every question. Whoever runs the server can add one (see the README).
            </p>
          </AlertDescription>
        </Alert>
      )}
      {settings.modelConfigured ? (
        <div>
          <Button type="submit" disabled={save.isPending || enabled === settings.modelEnabled && !save.isSuccess}>
            {save.isPending ? "Saving…" : "Save"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
