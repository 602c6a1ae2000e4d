"use client";
import { text } from "@/lib/text-schema";

import { useRouter } from "next/navigation";
import { z } from "zod";

import { FormFailure } from "@/components/forms/form-failure";
import { SubmitButton } from "@/components/forms/submit-button";
import { useApiForm } from "@/components/forms/use-api-form";
import { FormField } from "@/components/form-field";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { apiFetch } from "@/lib/api-client";
import type { DeletedOrganizationView } from "@/lib/organization-views";

/**
 * The danger zone: typing the URL name is the confirmation (the API checks it again). Afterwards the
 * organization is gone for everyone; the deleting admin lands where they can restore it.
 */
export function DeleteOrganizationCard({ slug, name, graceDays }: { slug: string; name: string; graceDays: number }) {
  const router = useRouter();
  const schema = z.object({ confirm: text().trim().refine((v) => v === slug, `Type ${slug} to confirm`) });
  const { formRef, fieldErrors, mutation, onSubmit, failure } = useApiForm({
    schema,
    fields: ["confirm"],
    read: (data) => ({ confirm: data.get("confirm") }),
    submit: (input) => apiFetch<DeletedOrganizationView>("/api/organization", { method: "DELETE", orgId: slug, body: input }),
    onSuccess: (deleted) => {
      router.replace(`/?deleted=${encodeURIComponent(deleted.slug)}`);
      router.refresh();
    },
  });
  const busy = mutation.isPending || mutation.isSuccess;

  return (
    <Card className="border-destructive/50">
      <CardHeader>
        <CardTitle asChild>
          <h2 className="text-destructive">Delete this organization</h2>
        </CardTitle>
        <CardDescription>
          {name} disappears for all its members at once, and its Xero and XPM connections are disconnected. Its admins can restore it
          for {graceDays} days; after that it is purged with everything it holds. Export it first if you want a copy.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form ref={formRef} noValidate onSubmit={onSubmit} className="grid max-w-sm gap-4" aria-label="Delete this organization">
          <FormFailure error={failure} title="The organization was not deleted" />
          <FormField
            id="confirm"
            name="confirm"
            label={
              <>
                Type <strong className="font-mono">{slug}</strong> to confirm
              </>
            }
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            error={fieldErrors.confirm}
          />
          <div>
            <SubmitButton variant="destructive" pending={busy} pendingLabel="Deleting…">
              Delete organization
            </SubmitButton>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
