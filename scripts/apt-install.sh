#!/usr/bin/env bash
# Shared by scripts/install-chromium.sh and scripts/install-office.sh: installs the Debian packages
# given (only those not yet installed) with apt-get, as root or through sudo. Never downloads
# anything but Debian packages.
#   usage: apt-install.sh <tag> <package>...
set -euo pipefail

TAG="$1"; shift
fail() { echo "$TAG: ERROR: $*" >&2; exit 1; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "$@"; do installed "$p" || missing+=("$p"); done
else
  missing=("$@")
fi
[ "${#missing[@]}" -eq 0 ] && exit 0

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found; install these Debian packages manually: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "must run as root (or have sudo) to install ${missing[*]}."
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
echo "$TAG: apt-get update"
$SUDO apt-get update -q || fail "apt-get update failed."
echo "$TAG: apt-get install ${missing[*]}"
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" || fail "apt-get install ${missing[*]} failed."
