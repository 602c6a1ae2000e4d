/**
 * Links in emails come from one place (appUrl), and without APP_URL they follow PORT: a server
 * started with PORT=3300 must not mail links to :3000.
 */
import { afterEach, describe, expect, it } from "vitest";
import { appUrl } from "@/server/app-url";
import { parseConfig, reloadConfig } from "@/server/config";
import { invitationEmail } from "@/server/email/templates/invitation-email";
import { passwordResetEmail } from "@/server/email/templates/password-reset-email";
import { roleChangedEmail } from "@/server/email/templates/role-changed-email";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  reloadConfig();
});

function useEnv(env: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  reloadConfig();
}

async function links(): Promise<string[]> {
  const messages = [
    await invitationEmail({ to: "a@example.test", token: "tok", invitationId: "inv", sendCount: 1, orgName: "Acme", roleLabel: "Staff", inviterName: "Ann", expiresAt: new Date() }),
    await passwordResetEmail({ to: "a@example.test", token: "reset", userId: "u" }),
    await roleChangedEmail({ to: "a@example.test", userId: "u", orgName: "Acme", orgSlug: "acme", fromLabel: "Staff", toLabel: "Finance", auditEventId: "e" }),
  ];
  return messages.flatMap((m) => [...m.text.matchAll(/https?:\/\/\S+/g)].map((x) => x[0]));
}

describe("app URL", () => {
  it("defaults to http://localhost:<PORT>, and to port 3000 without PORT", () => {
    expect(parseConfig({ PORT: "3300" }).APP_URL).toBe("http://localhost:3300");
    expect(parseConfig({}).APP_URL).toBe("http://localhost:3000");
    expect(parseConfig({ PORT: "3300", APP_URL: "https://pulse.example.com/" }).APP_URL).toBe("https://pulse.example.com");
    expect(() => parseConfig({ PORT: "http" })).toThrow(/PORT/);
  });

  it("puts the port the server listens on into every email link when APP_URL is unset", async () => {
    useEnv({ APP_URL: undefined, PORT: "3300" });
    const found = await links();
    expect(found).toEqual([
      "http://localhost:3300/invite/tok",
      "http://localhost:3300/reset-password?token=reset",
      "http://localhost:3300/acme",
    ]);
  });

  it("uses APP_URL for every link when it is set", async () => {
    useEnv({ APP_URL: "https://pulse.example.com", PORT: "3300" });
    expect((await links()).every((l) => l.startsWith("https://pulse.example.com/"))).toBe(true);
    expect(appUrl("/x")).toBe("https://pulse.example.com/x");
    expect(() => appUrl("x")).toThrow();
  });
});
