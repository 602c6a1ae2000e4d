/** The setup token of the fresh server (playwright.config.ts), known to the first-run journey. */
export const FRESH_SETUP_TOKEN = "e2e-first-run-setup-token";
