#!/usr/bin/env bash
# Installs Debian's chromium (plus CJK fonts) for the browser tests, if it is not there yet.
# Idempotent: does nothing when /usr/bin/chromium already exists. Never downloads a Playwright browser.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "install-chromium: $CHROMIUM already installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi

fail() {
  echo "install-chromium: ERROR: $*" >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found; install Debian's 'chromium' and 'fonts-noto-cjk' packages manually."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "must run as root (or have sudo) to install chromium."
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-chromium: apt-get update"
$SUDO apt-get update -q || fail "apt-get update failed."
echo "install-chromium: apt-get install chromium fonts-noto-cjk"
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk || fail "apt-get install chromium fonts-noto-cjk failed."

[ -x "$CHROMIUM" ] || fail "installation finished but $CHROMIUM is still missing."
echo "install-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
