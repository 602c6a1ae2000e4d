"use client";

import { useRouter } from "next/navigation";

import { FormFailure } from "@/components/forms/form-failure";
import { SubmitButton } from "@/components/forms/submit-button";
import { useApiForm } from "@/components/forms/use-api-form";
import { api } from "@/lib/api-client";
import { createOrganizationBody } from "@/lib/organization-schemas";
import type { OrganizationView } from "@/lib/organization-views";

import { OrganizationFields } from "./organization-fields";
import { slugConflict } from "./slug-conflict";

const FIELDS = ["name", "slug", "timezone", "currency"] as const;

/** Another organization, administered by its creator, who lands in it. */
export function NewOrganizationForm() {
  const router = useRouter();
  const { formRef, fieldErrors, mutation, onSubmit, failure } = useApiForm({
    schema: createOrganizationBody,
    fields: FIELDS,
    read: (data) => Object.fromEntries(FIELDS.map((f) => [f, data.get(f) ?? undefined])),
    submit: (input) => api.post<OrganizationView>("/api/organizations", input),
    onSuccess: (org) => {
      router.replace(`/${org.slug}`);
      router.refresh();
    },
  });
  const suggestion = slugConflict(failure);
  const busy = mutation.isPending || mutation.isSuccess;

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-4" aria-label="New organization">
      <FormFailure error={suggestion ? null : failure} title="The organization was not created" />
      <OrganizationFields errors={fieldErrors} suggestion={suggestion} slugTakenMessage={suggestion ? failure?.message : null} autoFocus />
      <SubmitButton pending={busy} pendingLabel="Creating…" className="w-full">
        Create organization
      </SubmitButton>
    </form>
  );
}
