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
];

export default config;
