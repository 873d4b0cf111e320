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
# One plain closing line that CI and people can read at a glance.
node -e 'const r = require("./test-results/vitest.json"); console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)' || true
exit $status
