"use client";

import { useRouter } from "next/navigation";

import { FormFailure } from "@/components/forms/form-failure";
import { useApiForm } from "@/components/forms/use-api-form";
import { FormField } from "@/components/form-field";
import { useToast } from "@/components/ui/toaster";
import { SubmitButton } from "@/components/forms/submit-button";
import { updateOrganizationBody } from "@/lib/admin-schemas";
import { api } from "@/lib/api-client";
import type { OrganizationSettings } from "@/server/orgs/organization-settings";
import { FieldError } from "@/components/ui/field-error";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { formatter } from "@/lib/formatter";
import { localeForTimezone, ORG_LOCALE_LABELS, ORG_LOCALES } from "@/lib/org-locale";

// A type-only import: erased at build time, so no server code reaches the browser.
type Settings = Omit<OrganizationSettings, "id">;

const FIELDS = ["name", "slug", "timezone", "currency", "locale", "alertWarningPct", "alertCriticalPct", "alertOverBudgetPct"] as const;

/** What a locale writes, shown next to its name so an admin picks by the look (each choice in its own locale, not the organization's). */
function example(locale: string, currency: string): string {
  const format = formatter({ locale, timeZone: undefined });
  const day = format.date("2026-11-30", "numericDate");
  let money = "";
  try {
    money = format.money(1234.5, currency);
  } catch {
    money = format.money(1234.5, "USD");
  }
  return `${day} · ${money}`;
}

export function OrganizationForm({ settings }: { settings: Settings }) {
  const router = useRouter();
  const toast = useToast();
  const { formRef, fieldErrors, mutation, onSubmit, failure } = useApiForm({
    schema: updateOrganizationBody,
    fields: FIELDS,
    // An empty choice is "follow the time zone" (null).
    read: (data) => Object.fromEntries(FIELDS.map((f) => [f, f === "locale" ? data.get(f) || null : data.get(f)])),
    submit: (input) => api.patch<Settings>("/api/organization", input, { orgId: settings.slug }),
    onSuccess: (saved) => {
      toast({ title: "Settings saved", description: "The changes apply from now on and are in the audit log." });
      // A new slug is a new URL.
      if (saved.slug !== settings.slug) router.replace(`/${saved.slug}/settings/organization`);
      router.refresh();
    },
  });

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid max-w-xl gap-4">
      <FormFailure error={failure} title="The settings were not saved" />
      <FormField id="name" name="name" label="Name" defaultValue={settings.name} required error={fieldErrors.name} />
      <FormField id="slug" name="slug" label="URL name" hint="Lowercase letters, digits and dashes; changes every link to the organization." defaultValue={settings.slug} required error={fieldErrors.slug} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="timezone" name="timezone" label="Time zone" hint="IANA name, e.g. Europe/London" defaultValue={settings.timezone} required error={fieldErrors.timezone} />
        <FormField id="currency" name="currency" label="Currency" hint="ISO code, e.g. USD" defaultValue={settings.currency} maxLength={3} required error={fieldErrors.currency} />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="locale">Number and date format</Label>
        <NativeSelect id="locale" name="locale" defaultValue={settings.locale ?? ""} aria-invalid={fieldErrors.locale ? true : undefined} aria-describedby="locale-hint">
          <option value="">From the time zone: {ORG_LOCALE_LABELS[localeForTimezone(settings.timezone)]} ({example(localeForTimezone(settings.timezone), settings.currency)})</option>
          {ORG_LOCALES.map((l) => (
            <option key={l} value={l}>
              {ORG_LOCALE_LABELS[l]} ({example(l, settings.currency)})
            </option>
          ))}
        </NativeSelect>
        <p id="locale-hint" className="text-xs text-muted-foreground">How every page writes dates and amounts for everyone in the organization.</p>
        <FieldError message={fieldErrors.locale} />
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-medium">Budget alert thresholds (% of budget used)</legend>
        <FormField id="alertWarningPct" name="alertWarningPct" type="number" step="0.1" label="Warning" defaultValue={settings.alertWarningPct} error={fieldErrors.alertWarningPct} />
        <FormField id="alertCriticalPct" name="alertCriticalPct" type="number" step="0.1" label="Critical" defaultValue={settings.alertCriticalPct} error={fieldErrors.alertCriticalPct} />
        <FormField id="alertOverBudgetPct" name="alertOverBudgetPct" type="number" step="0.1" label="Over budget" defaultValue={settings.alertOverBudgetPct} error={fieldErrors.alertOverBudgetPct} />
      </fieldset>
      <div>
        <SubmitButton pending={mutation.isPending} pendingLabel="Saving…">
          Save settings
        </SubmitButton>
      </div>
    </form>
  );
}
