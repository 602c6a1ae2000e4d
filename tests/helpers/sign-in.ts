import { expect } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { TEST_PASSWORD } from "./fixtures";
import { TestClient } from "./http-client";

/** A browser-like client signed in through POST /api/auth/login (its cookies kept for later calls). */
export async function signIn(email: string, password = TEST_PASSWORD, ip?: string): Promise<TestClient> {
  const client = new TestClient(ip);
  const res = await client.call(login, "/api/auth/login", { body: { email, password } });
  expect(res.status, `sign-in of ${email}`).toBe(200);
  return client;
}
