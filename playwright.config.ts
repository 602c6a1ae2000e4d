import { defineConfig, devices } from "@playwright/test";

import { FRESH_SETUP_TOKEN } from "./tests/e2e/support/first-run";

// E2E_PORT lets two runs share a machine (each with its own NEXT_DIST_DIR build).
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATA_DIR = `.tmp/e2e-data-${PORT}`;
const BASE_URL = `http://localhost:${PORT}`;
// A second server from the same build for the first-run journey: no demo, its own empty database.
const FRESH_PORT = Number(process.env.E2E_FRESH_PORT ?? PORT + 15);
const FRESH_DATA_DIR = `.tmp/e2e-fresh-${FRESH_PORT}`;
const FRESH_URL = `http://localhost:${FRESH_PORT}`;
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

/**
 * End-to-end tests against a production build on an embedded database that starts empty each run
 * (the demo organizations are seeded on first use). Chromium is the system one (Debian's
 * /usr/bin/chromium) unless CHROMIUM_PATH says otherwise.
 */
export default defineConfig({
  testDir: "tests/e2e",
  // The demo's bulk data is generated in the background after start-up: wait for it (and Demo Xero).
  globalSetup: "./tests/e2e/support/wait-for-demo-data.ts",
  fullyParallel: false,
  // Two cores: one browser at a time keeps the server and the browser from starving each other.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "chromium", testIgnore: /first-admin\.spec\.ts$/, use: chromium },
    { name: "fresh", testMatch: /first-admin\.spec\.ts$/, use: { ...chromium, baseURL: FRESH_URL } },
  ],
  // Started in order: the first builds, the second then starts the same build.
  webServer: [
    {
      command: `rm -rf ${DATA_DIR} && npm run build && npm start`,
      url: `${BASE_URL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: !process.env.CI,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        PORT: String(PORT),
        XEROPULSE_DATA_DIR: DATA_DIR,
        SEED_DEMO: "true",
        APP_URL: BASE_URL,
        // The password-reset journey reads its link from /dev/mailbox, which production hides otherwise.
        DEV_MAILBOX: "true",
        // No periodic sync: the Sync journey's manual sync is the first one (tests/e2e/sync.spec.ts).
        SYNC_SCHEDULE_MINUTES: "0",
        LOG_LEVEL: "warn",
      },
    },
    {
      // A fresh deployment: no demo and no user, so /setup is open (tests/e2e/first-admin.spec.ts).
      command: `rm -rf ${FRESH_DATA_DIR} && npm start`,
      url: `${FRESH_URL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: !process.env.CI,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        PORT: String(FRESH_PORT),
        XEROPULSE_DATA_DIR: FRESH_DATA_DIR,
        SEED_DEMO: "false",
        APP_URL: FRESH_URL,
        SETUP_TOKEN: FRESH_SETUP_TOKEN,
        DEV_MAILBOX: "true",
        LOG_LEVEL: "warn",
      },
    },
  ],
});
