// Lint: typescript-eslint's recommended rules, React's hook rules, and the dependency direction of
// the monorepo (docs/decisions/014-checked-boundaries.md): domain ← db ← ingest/api; web sees only
// domain and the API's types.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const banned = (names, message) => names.map((name) => ({ group: [name, `${name}/*`], message }));

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "test-results/**", ".scrutiny/**", "data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-empty": ["error", { allowEmptyCatch: false }],
    },
  },
  {
    // Plain Node scripts.
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  {
    // Kysely's advice: a migration takes Kysely<any>, so it never depends on the schema as it is today.
    files: ["packages/db/src/migrations/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Published coefficients are kept to the digits their papers print, so they can be checked against them.
    files: ["packages/domain/src/stats/distributions.ts"],
    rules: { "no-loss-of-precision": "off" },
  },
  {
    files: ["apps/web/src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    files: ["packages/domain/src/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: banned(["@scrutiny/*", "hono", "kysely", "react", "react-dom", "better-sqlite3", "pg", "node:fs", "node:fs/promises"],
          "packages/domain is pure: no other package, framework or I/O."),
      }],
    },
  },
  {
    files: ["packages/db/src/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: banned(["@scrutiny/ingest", "@scrutiny/api", "@scrutiny/web", "hono", "react"], "packages/db depends on packages/domain only."),
      }],
    },
  },
  {
    files: ["packages/ingest/src/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: banned(["@scrutiny/api", "@scrutiny/web", "hono", "react"], "packages/ingest depends on domain and db only."),
      }],
    },
  },
  {
    files: ["apps/web/src/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          ...banned(["@scrutiny/db", "@scrutiny/ingest", "kysely", "better-sqlite3", "pg", "node:*"], "The dashboard imports only @scrutiny/domain and the API's types."),
          { group: ["@scrutiny/api", "@scrutiny/api/*"], allowTypeImports: true, message: "The dashboard takes only the API's types (import type)." },
        ],
      }],
    },
  },
);
