#!/usr/bin/env bash
# npm test: everything a fresh machine needs, then type-check, unit, API, database (SQLite and
# PostgreSQL), import and browser tests. Nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/.bin ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
bash scripts/system-deps.sh
eval "$(bash scripts/postgres.sh start)"
trap 'bash scripts/postgres.sh stop "$SCRUTINY_PG_DIR"' EXIT
echo "== type-check"
npx tsc -p tsconfig.json
echo "== lint (typescript-eslint, dependency direction)"
npx eslint --max-warnings 0 .
echo "== build the dashboard"
npx vite build --config apps/web/vite.config.ts --logLevel warn
echo "== tests"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@" || status=$?
# One plain closing line that CI and people can read at a glance. No test here is ever skipped: a
# "skipped" one is a test whose file's set-up failed (a server that did not start, say), so it
# counts as a failure and the line says which files.
node -e '
const r = require("./test-results/vitest.json");
const failedFiles = r.testResults.filter((f) => f.status === "failed").map((f) => f.name.replace(process.cwd() + "/", ""));
console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped; files failed: ${failedFiles.length ? failedFiles.join(", ") : "none"}`);
if (r.numPendingTests + r.numTodoTests > 0) console.log("FAILED: skipped tests are failures here (their file set-up failed: see its FAIL above).");
process.exit(r.numPendingTests + r.numTodoTests > 0 || failedFiles.length > 0 ? 1 : 0);
' || status=1
exit $status
