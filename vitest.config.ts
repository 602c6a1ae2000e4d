import path from "node:path";
import { defineConfig } from "vitest/config";

// Integration tests run on PGlite, and again on a real PostgreSQL server when TEST_DATABASE_URL is
// set (CI sets it). Both start from a database migrated once per run in globalSetup.
// `server-only` throws outside React Server Components; under Vitest it is the empty module.
const shared = {
  resolve: { tsconfigPaths: true, alias: { "server-only": path.resolve("node_modules/server-only/empty.js") } },
};
const integration = {
  include: ["tests/integration/**/*.test.ts"],
  globalSetup: ["tests/helpers/global-setup.ts"],
  setupFiles: ["tests/helpers/setup-env.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    // Two cores: two workers keep the machine responsive and PGlite start-ups from starving.
    maxWorkers: 2,
    projects: [
      { ...shared, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], setupFiles: ["tests/helpers/setup-env.ts"] } },
      // Deno reaches the database over TCP, which an in-process PGlite cannot serve; and an in-process
      // database has no connection to lose (database-unavailable).
      { ...shared, test: { ...integration, name: "pglite", exclude: ["tests/integration/jobs-edge-functions.test.ts", "tests/integration/database-unavailable.test.ts"], env: { TEST_ENGINE: "pglite" } } },
      ...(process.env.TEST_DATABASE_URL
        ? [
            // The embedded database's backup is PGlite's own (its DATABASE_URL mode only points to pg_dump).
            { ...shared, test: { ...integration, name: "postgres", exclude: ["tests/integration/db-backup.test.ts", "tests/integration/pglite-wal.test.ts", "tests/integration/pglite-fairness.test.ts", "tests/integration/pglite-table-maintainer.test.ts", "tests/integration/embedded-template.test.ts", "tests/integration/pglite-disk-guard.test.ts"], env: { TEST_ENGINE: "postgres" } } },
          ]
        : []),
    ],
  },
});
