import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * The direction of dependencies (docs/architecture.md): app → components → lib, app → server → lib,
 * server → supabase/functions/_shared. Each layer lists what it may not import; a later block for the
 * same file replaces an earlier one's options, so every block repeats the rules that apply to it.
 * Specifiers are matched as written: the `@/…` aliases and relative paths climbing into a layer.
 */
const layer = (name) => `^(@/${name}(/|$)|(\\.\\./)+${name}(/|$))`;
const TESTS = { regex: "^(@tests/|(\\.\\./)+tests/)", message: "Only tests import tests/: move what production needs out of the test tree." };
const APP = { regex: layer("app"), message: "Nothing imports the app layer (routes and pages)." };
const COMPONENTS = { regex: layer("components"), message: "Server code and lib never import UI components; put shared values in src/lib." };
const SERVER = { regex: layer("server"), message: "This layer may not import server code." };
const SERVER_TYPES = { ...SERVER, allowTypeImports: true, message: "Components import server code as `import type` only; runtime values belong in src/lib." };
const SRC = { regex: "^(@/|(\\.\\./)+src/)", message: "Job code in supabase/functions/_shared runs under Deno: it imports nothing from src/." };

const NO_BARE_STRING_SCHEMA = {
  selector: "CallExpression[callee.object.name='z'][callee.property.name='string']",
  message: "Use text() from @/lib/text-schema (refuses NUL) or a string format such as z.uuid().",
};
const FORMAT_MESSAGE = "Format dates, money and numbers with useFormat() (client) or formatter() from @/lib/formatter (server): they follow the organization's locale and time zone.";
const ONE_FORMAT = [
  { selector: "ImportDeclaration[source.value=/lib.format-(date|money)$/] > ImportSpecifier[imported.name=/^format(Date|Money)$/]", message: FORMAT_MESSAGE },
  { selector: "NewExpression[callee.object.name='Intl'][callee.property.name=/^(DateTimeFormat|NumberFormat)$/]", message: FORMAT_MESSAGE },
  // Intl.DateTimeFormat() without arguments only asks for the browser's time zone (resolvedOptions).
  { selector: "CallExpression[callee.object.name='Intl'][callee.property.name='DateTimeFormat'][arguments.length>0]", message: FORMAT_MESSAGE },
  { selector: "CallExpression[callee.object.name='Intl'][callee.property.name='NumberFormat']", message: FORMAT_MESSAGE },
  { selector: "CallExpression[callee.property.name=/^toLocale(String|DateString|TimeString)$/]", message: FORMAT_MESSAGE },
];

const restrict = (files, patterns, ignores) => ({
  files,
  ...(ignores ? { ignores } : {}),
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
});

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", ".tmp/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The service-role key bypasses RLS: only the auth adapter and the storage module (the private
    // `imports` bucket) may reach its one module.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/server/auth/supabase/**", "src/server/storage/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/service-role-client"], message: "The service-role client is for the Supabase auth adapter and the storage module only." }] },
      ],
    },
  },
  {
    // Input from outside is validated with the one string schema, which refuses NUL (Postgres text
    // cannot hold it): `text()` from src/lib/text-schema.ts, or a format such as z.uuid().
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/lib/text-schema.ts", "src/server/config.ts"],
    rules: { "no-restricted-syntax": ["error", NO_BARE_STRING_SCHEMA] },
  },
  {
    // Pages show dates, money and numbers in their organization's locale and time zone, one way:
    // useFormat() in client components, formatter() from src/lib/formatter.ts in server components
    // (both read the organization's settings). A formatter of its own is how "02:06" on one page
    // and "3:05 pm" on the next came about. No exceptions so far: name any here, with the reason.
    files: ["src/components/**/*.{ts,tsx}", "src/app/**/*.{ts,tsx}"],
    rules: { "no-restricted-syntax": ["error", NO_BARE_STRING_SCHEMA, ...ONE_FORMAT] },
  },
  // Layers. Everything outside tests/ first, then each layer with its own list. bench/ is test
  // tooling (never shipped): it drives the app with the same HTTP client and workbooks as the tests.
  restrict(["**/*.{ts,tsx,mts,mjs,js}"], [TESTS], ["tests/**", "bench/**"]),
  restrict(["src/server/**/*.{ts,tsx}"], [TESTS, APP, COMPONENTS]),
  restrict(["src/components/**/*.{ts,tsx}"], [TESTS, APP, SERVER_TYPES]),
  restrict(["src/lib/**/*.{ts,tsx}"], [TESTS, APP, COMPONENTS, SERVER]),
  restrict(["supabase/functions/**/*.ts"], [TESTS, SRC]),
];

export default config;
