/**
 * Playwright global setup (after the web servers answer): the embedded demo generates its bulk
 * data in a background job after start-up, and Demo Xero connects Acme once that data is in.
 * The specs read that data (dashboards, sync, assistant), so they start only when both are done.
 */
const DEMO_PASSWORD = "xeropulse-demo";
const TIMEOUT_MS = 300_000;

async function signIn(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`signing in as ${email} answered ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`the demo was not ready within ${TIMEOUT_MS / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export default async function waitForDemoData(): Promise<void> {
  await waitForDemoAt(`http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`);
}

/** Waits until the server at `baseUrl` has both organizations' demo data and Acme's Demo Xero. */
export async function waitForDemoAt(baseUrl: string): Promise<void> {
  for (const [org, email] of [["acme", "admin@acme.test"], ["globex", "admin@globex.test"]] as const) {
    const cookie = await signIn(baseUrl, email);
    await until(`${org}'s demo data`, async () => {
      const page = await fetch(`${baseUrl}/${org}/dashboards`, { headers: { cookie } });
      return page.status === 200 && !(await page.text()).includes("Demo data is being prepared");
    });
  }
  const cookie = await signIn(baseUrl, "admin@acme.test");
  await until("Demo Xero connecting Acme", async () => {
    const res = await fetch(`${baseUrl}/api/integrations?org=acme`, { headers: { cookie } });
    if (res.status !== 200) return false;
    const body = (await res.json()) as { items: { provider: string; status: string }[] };
    return body.items.some((i) => i.provider === "xero" && i.status !== "disconnected");
  });
}
