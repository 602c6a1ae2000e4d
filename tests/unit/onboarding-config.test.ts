import { describe, expect, it } from "vitest";
import { parseConfig, signupMode } from "@/server/config";
import { slugFromName } from "@/lib/organization-schemas";
import { createOrganizationBody } from "@/lib/organization-schemas";

describe("onboarding configuration", () => {
  it("sign-up is open in the embedded database and closed with DATABASE_URL or ORG_CREATION=none, unless SIGNUP_MODE says", () => {
    expect(signupMode(parseConfig({}))).toBe("open");
    expect(signupMode(parseConfig({ DATABASE_URL: "postgres://u:p@db.example.test/x" }))).toBe("closed");
    expect(signupMode(parseConfig({ ORG_CREATION: "none" }))).toBe("closed");
    expect(signupMode(parseConfig({ DATABASE_URL: "postgres://u:p@db.example.test/x", SIGNUP_MODE: "open" }))).toBe("open");
    expect(signupMode(parseConfig({ SIGNUP_MODE: "closed" }))).toBe("closed");
  });

  it("fails fast on contradictory or weak settings, naming the variable", () => {
    expect(() => parseConfig({ SIGNUP_MODE: "open", ORG_CREATION: "none" })).toThrow(/SIGNUP_MODE: cannot be open with ORG_CREATION=none/);
    expect(() => parseConfig({ SETUP_TOKEN: "short" })).toThrow(/SETUP_TOKEN: must be at least 16 characters/);
    expect(() => parseConfig({ SIGNUP_MODE: "sometimes" })).toThrow(/SIGNUP_MODE/);
    expect(() => parseConfig({ ORG_DELETION_GRACE_DAYS: "-1" })).toThrow(/ORG_DELETION_GRACE_DAYS/);
  });

  it("has the documented defaults", () => {
    const env = parseConfig({});
    expect(env).toMatchObject({ ORG_CREATION: "any", ORG_DELETION_GRACE_DAYS: 30, SIGNUP_MAX_PER_IP_PER_HOUR: 10, SIGNUP_VERIFY_TTL_HOURS: 24 });
    expect(env.SETUP_TOKEN).toBeUndefined();
  });
});

describe("organization input", () => {
  it("a blank slug means 'make one from the name'; slugs are trimmed and lowercased", () => {
    expect(createOrganizationBody.parse({ name: " Acme ", slug: "  " })).toEqual({ name: "Acme" });
    expect(createOrganizationBody.parse({ name: "Acme", slug: " ACME-NZ " })).toEqual({ name: "Acme", slug: "acme-nz" });
    expect(slugFromName("Ōtautahi Accounting Ltd")).toBe("otautahi-accounting-ltd");
  });
});
