import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

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
    // The service-role key bypasses RLS: only the auth adapter may reach its one module.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/server/auth/supabase/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/service-role-client"], message: "The service-role client is for the Supabase auth adapter only." }] },
      ],
    },
  },
  {
    // Input from outside is validated with the one string schema, which refuses NUL (Postgres text
    // cannot hold it): `text()` from src/lib/text-schema.ts, or a format such as z.uuid().
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/lib/text-schema.ts", "src/server/config.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='z'][callee.property.name='string']",
          message: "Use text() from @/lib/text-schema (refuses NUL) or a string format such as z.uuid().",
        },
      ],
    },
  },
];

export default config;
