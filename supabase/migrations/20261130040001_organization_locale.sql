-- The organization's locale: how numbers and dates are written on its pages ("1,234.50" and
-- "30/11/2026" in en-NZ, "11/30/2026" in en-US). Null follows the time zone (Pacific/Auckland reads
-- en-NZ, America/New_York en-US; src/lib/org-locale.ts); an admin may choose one in Settings ›
-- Organization. The list mirrors ORG_LOCALES in src/lib/org-locale.ts (a test keeps them equal).
alter table public.organizations
  add column locale text
  constraint organizations_locale_known check (
    locale is null or locale in ('en-GB', 'en-US', 'en-AU', 'en-NZ', 'en-CA', 'en-IE', 'en-ZA', 'en-SG', 'de-DE', 'fr-FR', 'nl-NL')
  );
grant update (locale) on public.organizations to authenticated;
