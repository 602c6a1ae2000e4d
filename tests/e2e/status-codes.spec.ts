import { expect, test, type APIRequestContext } from "@playwright/test";

import { DEMO_PASSWORD } from "./support/session";

/**
 * Over real HTTP against the production build: every page that shows "not found" answers 404, and
 * the forbidden page 403, not a 200 that merely looks like an error. (A status cannot change once a
 * page has started streaming, so the checks must run before the first byte.)
 */
async function signedIn(request: APIRequestContext, baseURL: string, email: string) {
  const res = await request.post("/api/auth/login", { data: { email, password: DEMO_PASSWORD }, headers: { origin: baseURL } });
  expect(res.status(), await res.text()).toBe(200);
}

async function dashboardIds(request: APIRequestContext, org: string): Promise<Record<string, string>> {
  const res = await request.get("/api/dashboards", { headers: { "x-org-id": org } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { dashboards: { key: string; id: string }[] };
  return Object.fromEntries(body.dashboards.map((d) => [d.key, d.id]));
}

test("pages that show not found answer 404, the forbidden page 403, a real page 200", async ({ playwright, baseURL }) => {
  const finance = await playwright.request.newContext({ baseURL });
  const globex = await playwright.request.newContext({ baseURL });
  const staff = await playwright.request.newContext({ baseURL });
  try {
    await signedIn(finance, baseURL!, "finance@acme.test");
    await signedIn(globex, baseURL!, "admin@globex.test");
    await signedIn(staff, baseURL!, "staff@acme.test");
    const acme = await dashboardIds(finance, "acme");
    const theirs = await dashboardIds(globex, "globex");

    const page = (context: APIRequestContext, path: string) => context.get(path, { maxRedirects: 0 });
    const expectStatus = async (context: APIRequestContext, path: string, status: number, text?: string) => {
      const res = await page(context, path);
      expect(res.status(), path).toBe(status);
      if (text) expect(await res.text(), path).toContain(text);
    };

    // The control: a dashboard the caller may open.
    await expectStatus(finance, `/acme/dashboards/${acme.practice}`, 200, "Practice");

    // A dashboard id that is not one, that exists nowhere, or that is another organization's.
    await expectStatus(finance, "/acme/dashboards/not-a-dashboard", 404, "Page not found");
    await expectStatus(finance, "/acme/dashboards/00000000-0000-4000-8000-000000000000", 404, "Page not found");
    await expectStatus(finance, `/acme/dashboards/${theirs.practice}`, 404, "Page not found");
    // An organization that does not exist, and one the caller is not a member of (never revealed).
    await expectStatus(finance, "/no-such-org", 404, "Page not found");
    await expectStatus(finance, "/no-such-org/dashboards", 404, "Page not found");
    await expectStatus(finance, "/globex", 404, "Page not found");
    await expectStatus(finance, `/globex/dashboards/${theirs.practice}`, 404, "Page not found");
    // An address with no page at all.
    await expectStatus(finance, "/acme/no-such-page", 404, "Page not found");
    // An invitation link that matches no invitation, signed in or not.
    await expectStatus(finance, `/invite/${"A".repeat(43)}`, 404, "This invitation link is not valid");

    // Known but not allowed: the forbidden page, with its status.
    await expectStatus(staff, "/acme/admin/sync", 403, "You do not have access to this page");
    await expectStatus(staff, `/acme/dashboards/${acme["financial-overview"]}`, 403, "You do not have access to this page");
  } finally {
    await finance.dispose();
    await globex.dispose();
    await staff.dispose();
  }
});

test("an invalid invitation link answers 404 to a signed-out browser too", async ({ request }) => {
  const res = await request.get(`/invite/${"B".repeat(43)}`);
  expect(res.status()).toBe(404);
  expect(await res.text()).toContain("This invitation link is not valid");
});
