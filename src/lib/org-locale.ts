/**
 * The locales an organization may choose for its numbers and dates (mirrors the
 * `organizations_locale_known` constraint, migration 20261130040001), and the one its time zone
 * suggests when it has not chosen.
 */
export const ORG_LOCALES = ["en-GB", "en-US", "en-AU", "en-NZ", "en-CA", "en-IE", "en-ZA", "en-SG", "de-DE", "fr-FR", "nl-NL"] as const;
export type OrgLocale = (typeof ORG_LOCALES)[number];

export const ORG_LOCALE_LABELS: Record<OrgLocale, string> = {
  "en-GB": "English (United Kingdom)",
  "en-US": "English (United States)",
  "en-AU": "English (Australia)",
  "en-NZ": "English (New Zealand)",
  "en-CA": "English (Canada)",
  "en-IE": "English (Ireland)",
  "en-ZA": "English (South Africa)",
  "en-SG": "English (Singapore)",
  "de-DE": "Deutsch (Deutschland)",
  "fr-FR": "Français (France)",
  "nl-NL": "Nederlands (Nederland)",
};

/** Time zones (or their region) → the locale people there write in; anything else reads en-GB. */
const BY_ZONE: [RegExp, OrgLocale][] = [
  [/^(Pacific\/(Auckland|Chatham)|NZ)/, "en-NZ"],
  [/^Australia\//, "en-AU"],
  [/^America\/(Toronto|Vancouver|Edmonton|Winnipeg|Halifax|St_Johns|Regina|Montreal)/, "en-CA"],
  [/^(America\/(New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Detroit|Boise|Indiana|Kentucky)|Pacific\/Honolulu|US\/)/, "en-US"],
  [/^Europe\/(London|Belfast|Guernsey|Jersey|Isle_of_Man)/, "en-GB"],
  [/^Europe\/Dublin/, "en-IE"],
  [/^Africa\/Johannesburg/, "en-ZA"],
  [/^Asia\/Singapore/, "en-SG"],
  [/^Europe\/(Berlin|Vienna|Zurich)/, "de-DE"],
  [/^Europe\/(Paris|Brussels|Luxembourg|Monaco)/, "fr-FR"],
  [/^Europe\/Amsterdam/, "nl-NL"],
];

export function localeForTimezone(timeZone: string): OrgLocale {
  return BY_ZONE.find(([zone]) => zone.test(timeZone))?.[1] ?? "en-GB";
}

/** The locale an organization's pages use: the one it chose, else its time zone's. */
export function effectiveLocale(chosen: string | null, timeZone: string): OrgLocale {
  return (ORG_LOCALES as readonly string[]).includes(chosen ?? "") ? (chosen as OrgLocale) : localeForTimezone(timeZone);
}
