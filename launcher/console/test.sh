#!/usr/bin/env bash
# Runs the console's browser tests against the built jar (target/alertresponder.jar) in Debian's Chromium.
# Screenshots are saved in target/console-screenshots.
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -x ${CHROMIUM:-/usr/bin/chromium} ]]; then
  echo "the console's browser tests need Chromium: run launcher/console/install-browser.sh (.ci/run does)" >&2
  exit 1
fi
exec node --test --test-concurrency=1 --test-reporter=spec test/console.test.js
