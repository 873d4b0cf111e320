#!/usr/bin/env bash
# Installs what the tests need beyond Node: Debian's Chromium (browser tests) and PostgreSQL
# (database tests on the server dialect), poppler-utils (the printed pack read back). Does nothing when all are there.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# poppler-utils: pdftotext and pdfinfo read the printed briefing pack back in the browser tests.
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "The tests need: ${need[*]}. Install them (Debian: sudo apt-get install -y ${need[*]}) and run again." >&2
  exit 1
fi
echo "Installing ${need[*]} with apt-get…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
