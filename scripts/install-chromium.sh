#!/usr/bin/env bash
# Installs Debian's chromium (plus CJK fonts) for the browser tests, if it is not there yet.
# Idempotent: does nothing when /usr/bin/chromium already exists. Never downloads a Playwright browser.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  echo "install-chromium: $CHROMIUM already installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
bash "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" install-chromium chromium fonts-noto-cjk
[ -x "$CHROMIUM" ] || { echo "install-chromium: ERROR: installation finished but $CHROMIUM is still missing." >&2; exit 1; }
echo "install-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
