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
echo "== build the dashboard"
npx vite build --config apps/web/vite.config.ts --logLevel warn
echo "== tests"
npx vitest run "$@"
