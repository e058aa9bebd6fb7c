#!/usr/bin/env bash
# Builds the web console into the launcher's classes (target/classes/alertresponder-console), so that the
# server jar serves it. Runs `npm ci` only when package-lock.json changed since the last install.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "building the web console needs Node.js (20 or newer) and npm; install them (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
stamp=node_modules/.installed-from-lock
wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$wanted" ]]; then
  echo "installing the console's build tools (npm ci in launcher/console)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$wanted" > "$stamp"
fi
NO_COLOR=1 npx vite build --logLevel warn
# The server reads the console into memory at start-up from this list (it does not list folders of its
# own jar).
out=../target/classes/alertresponder-console
(cd "$out" && find . -type f ! -name files.txt | sed 's#^\./##' | sort > files.txt)
