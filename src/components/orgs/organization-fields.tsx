"use client";

import { useState, useSyncExternalStore } from "react";

import type { FieldErrors } from "@/components/auth/field-errors";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { slugFromName } from "@/lib/organization-schemas";

const noSubscription = () => () => undefined;

/**
 * Name, URL name, time zone and currency of a new organization (setup and "New organization").
 * The URL name may stay empty: the placeholder shows the one made from the name. A taken one comes
 * back with a suggestion, offered as a button.
 */
export function OrganizationFields({
  errors,
  nameField = "name",
  suggestion,
  slugTakenMessage,
  autoFocus,
}: {
  errors: FieldErrors<string>;
  /** The form's field name for the organization's name (`organizationName` in setup). */
  nameField?: string;
  suggestion?: string | null;
  slugTakenMessage?: string | null;
  autoFocus?: boolean;
}) {
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  // The browser's own zone once hydrated (the server renders UTC); the field remounts with it.
  const browserZone = useSyncExternalStore(noSubscription, () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC", () => "UTC");
  const slugError = errors.slug ?? (slugTakenMessage ? [slugTakenMessage] : undefined);

  return (
    <>
      <FormField
        id={nameField}
        name={nameField}
        label="Organization name"
        autoComplete="organization"
        required
        autoFocus={autoFocus}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors[nameField]}
      />
      <div className="grid gap-2">
        <FormField
          id="slug"
          name="slug"
          label="URL name"
          hint={`Optional. Your address will be /${slug || slugFromName(name || "your-organization")}`}
          placeholder={name ? slugFromName(name) : "acme-advisory"}
          autoCapitalize="none"
          spellCheck={false}
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
          error={slugError}
        />
        {suggestion ? (
          <div>
            <Button type="button" variant="outline" size="sm" onClick={() => setSlug(suggestion)}>
              Use {suggestion}
            </Button>
          </div>
        ) : null}
      </div>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField
          id="timezone"
          name="timezone"
          label="Time zone"
          hint="IANA name, e.g. Europe/London"
          key={browserZone}
          defaultValue={browserZone}
          error={errors.timezone}
        />
        <FormField id="currency" name="currency" label="Currency" hint="ISO code, e.g. USD" defaultValue="USD" maxLength={3} error={errors.currency} />
      </div>
    </>
  );
}
