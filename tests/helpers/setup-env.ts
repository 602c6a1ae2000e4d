import { tmpdir } from "node:os";

// Tests never touch the developer's ./.data or a real mail provider, and log only warnings.
process.env.LOG_LEVEL ??= "warn";
process.env.SEED_DEMO = "false";
process.env.AUTH_JWT_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
delete process.env.DATABASE_URL;
// Uploaded import files go to a scratch folder of this run, never ./.data.
process.env.XEROPULSE_DATA_DIR = `${tmpdir()}/xeropulse-test-${process.pid}`;
