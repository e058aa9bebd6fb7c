#!/usr/bin/env bash
# Installs the AWS emulators the adapter-aws tests run on 127.0.0.1 (see README.md next to this file).
# Runs `npm ci` only when package-lock.json changed since the last install, so repeated builds are fast.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "adapter-aws tests need Node.js and npm to run the AWS emulators; install them (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
stamp=node_modules/.installed-from-lock
wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$wanted" ]]; then
  exit 0
fi
echo "installing the AWS emulators (npm ci in $(pwd))"
npm ci --no-audit --no-fund --loglevel=error
echo "$wanted" > "$stamp"
