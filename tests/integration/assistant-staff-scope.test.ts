/**
 * Ask XeroPulse keeps the Practice rule (docs/dashboards.md): staff asking "by staff member" get
 * their own row, and a colleague's name matches nothing for them; finance gets everyone's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { POST as ask } from "@/app/api/assistant/ask/route";
import { sql } from "@/server/db/sql";
import type { AskResponse } from "@/lib/assistant-views";
import { createAssistantWorld, type AssistantWorld } from "../helpers/assistant-fixtures";
import type { TestClient } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();

describe("Ask XeroPulse: staff see their own work", () => {
  let w: AssistantWorld;
  let staff: TestClient;
  let finance: TestClient;
  const askAs = (client: TestClient, question: string) =>
    client.call<AskResponse>(ask, "/api/assistant/ask", { body: { question }, headers: { "x-org-id": w.org.id } });

  beforeAll(async () => {
    w = await createAssistantWorld(db.engine(), { slug: "ask-staff-scope" });
    await db.asOwner((tx) => tx.query(sql`update public.xpm_staff set email = ${w.members.staff.email} where org_id = ${w.org.id} and external_id = ${w.data.staff.externalId[1]!}`));
    staff = await signIn(w.members.staff.email);
    finance = await signIn(w.members.finance.email);
  });

  it("utilization by staff member: finance gets everyone, staff their own row", async () => {
    const everyone = await askAs(finance, "Utilization by staff this year");
    expect(everyone.json.answer.kind).toBe("answer");
    expect(everyone.json.answer.table!.rows.length).toBeGreaterThan(1);
    const own = await askAs(staff, "Utilization by staff this year");
    expect(own.json.answer.kind).toBe("answer");
    const names = own.json.answer.table!.rows.map((r) => r[0]);
    expect(names).toEqual([w.data.staff.name[1]]);
  });

  it("a colleague's name matches nothing for staff", async () => {
    const colleague = w.data.staff.name[0]!;
    const theirs = await askAs(staff, `Billable hours for ${colleague} this year`);
    expect(theirs.json.answer.kind).not.toBe("answer");
    expect(theirs.json.answer.text).toContain(colleague);
    expect(JSON.stringify(theirs.json.answer.table ?? null)).not.toContain(colleague);
    expect((await askAs(finance, `Billable hours for ${colleague} this year`)).json.answer.kind).toBe("answer");
  });
});
