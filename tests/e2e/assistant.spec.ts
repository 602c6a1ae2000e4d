import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";

import { logIn } from "./support/session";

/** Types a question and waits for its answer to finish streaming; returns that answer. */
async function ask(page: Page, question: string) {
  const before = await page.getByTestId("answer").count();
  await page.getByLabel("Your question").fill(question);
  await page.getByLabel("Your question").press("Enter");
  const answer = page.getByTestId("answer").nth(before);
  await expect(answer).toHaveAttribute("aria-busy", "false", { timeout: 20_000 });
  return answer;
}

test("finance asks three questions, one a follow-up, sees a chart and downloads the table", async ({ page }) => {
  await logIn(page, "finance@acme.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Ask", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ask XeroPulse" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Example questions" }).getByRole("button").first()).toBeVisible();
  // Keyboard first: the question box has the focus.
  await expect(page.getByLabel("Your question")).toBeFocused();

  const first = await ask(page, "What was revenue last month?");
  await expect(first.getByTestId("answer-text")).toContainText(/^Revenue was NZD [\d,]+\.\d{2} over 1 /);
  await expect(first.getByText("Rules planner")).toBeVisible();
  const firstPlan = await first.getByTestId("answer-plan").innerText();

  const second = await ask(page, "and the month before?");
  await expect(second.getByTestId("answer-text")).toContainText(/^Revenue was NZD/);
  const secondPlan = await second.getByTestId("answer-plan").innerText();
  expect(secondPlan).not.toBe(firstPlan);
  expect(secondPlan).toMatch(/^Revenue, 1 \w{3} – \d+ \w{3} \d{4}$/);

  const third = await ask(page, "Top 5 customers by revenue this year");
  const chart = third.getByTestId("answer-chart");
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute("data-kind", "bar");
  await expect(chart.locator(".recharts-surface")).toBeVisible();
  await expect(third.getByRole("table").locator("tbody tr")).toHaveCount(5);

  await third.getByText("How this was computed").click();
  await expect(third.getByText(/Sales invoices \(Xero ACCREC\) that are approved/)).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), third.getByRole("button", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^revenue-by-contact-.*top-5\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe("Contact,Amount");
  expect(lines).toHaveLength(6);

  // The conversation is kept: it is listed and reopens from its URL with all three answers.
  await expect(page).toHaveURL(/\/acme\/ask\?c=[0-9a-f-]{36}$/);
  await page.reload();
  await expect(page.getByTestId("answer")).toHaveCount(3);
  await expect(page.getByRole("navigation", { name: "Conversations" }).first().getByRole("button", { name: /What was revenue last month\?/ })).toBeVisible();

  // A follow-up chip asks its question.
  const chip = page.getByTestId("answer").nth(2).getByRole("group", { name: "Follow-up questions" }).getByRole("button").first();
  const chipText = await chip.innerText();
  await chip.click();
  await expect(page.getByTestId("question").nth(3)).toHaveText(chipText);
  await expect(page.getByTestId("answer").nth(3)).toHaveAttribute("aria-busy", "false", { timeout: 20_000 });
});

test("staff asks about revenue and is told why not, on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await logIn(page, "staff@acme.test");
  await page.goto("/acme/ask");
  const answer = await ask(page, "What was revenue last month?");
  await expect(answer.getByTestId("answer-text")).toContainText("I can't answer that.");
  await expect(answer.getByTestId("answer-text")).toContainText("finance.read");
  await expect(answer.getByTestId("answer-text")).toContainText("your role (staff)");
  await expect(answer.getByTestId("answer-chart")).toHaveCount(0);
  // What staff can ask instead is offered, and answered.
  const offered = answer.getByRole("group", { name: "Questions you can ask" }).getByRole("button").first();
  await offered.click();
  await expect(page.getByTestId("answer").nth(1)).toHaveAttribute("aria-busy", "false", { timeout: 20_000 });
  await expect(page.getByTestId("answer").nth(1).getByRole("table")).toBeVisible();
  // Nothing is wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("a dashboard links to questions about it", async ({ page }) => {
  await logIn(page, "staff@acme.test");
  await page.goto("/acme/dashboards");
  await page.getByRole("link", { name: /^Practice/ }).click();
  await page.getByRole("link", { name: "Ask about this" }).click();
  await expect(page).toHaveURL(/\/acme\/ask\?about=practice$/);
  const examples = page.getByRole("group", { name: "Example questions" }).getByRole("button");
  await expect(examples.first()).toBeVisible();
  for (const text of await examples.allInnerTexts()) expect(text).not.toMatch(/revenue|owes/i);
});
