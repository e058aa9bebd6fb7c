#!/usr/bin/env bash
# Installs what the console's browser tests drive: Debian's Chromium (the tests use it through
# playwright-core with executablePath; Playwright's own browser download does not work on a closed
# network). Does nothing when /usr/bin/chromium is there already.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "the console's browser tests need Chromium at /usr/bin/chromium (or CHROMIUM=/path/to/chromium); install it" >&2
  exit 1
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  sudo="sudo"
fi
echo "installing Chromium for the console's browser tests (apt-get install chromium)"
$sudo apt-get update -q >/dev/null || echo "apt-get update failed; trying the install with the package lists there are" >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends chromium >/dev/null
/usr/bin/chromium --version
