#!/usr/bin/env bash
# Installs what the office-suite test (src/test/office-suite.test.ts) needs to open the XLSX and
# DOCX exports: LibreOffice headless (Writer, Calc), CJK fonts, Carlito (metric-compatible with
# Calibri, the default font of exceljs workbooks, so column widths come out as in Excel) and
# poppler-utils (pdftotext, pdftoppm). Debian packages only. Idempotent: does nothing when all are there.
set -euo pipefail

PACKAGES=(libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk fonts-crosextra-carlito poppler-utils)

fail() {
  echo "install-office: ERROR: $*" >&2
  exit 1
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
else
  command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || missing=("${PACKAGES[@]}")
fi

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-office: already installed ($(soffice --version 2>/dev/null | head -n 1 || echo 'LibreOffice'); $(pdftotext -v 2>&1 | head -n 1))"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found; install these Debian packages manually: ${missing[*]}"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "must run as root (or have sudo) to install ${missing[*]}."
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-office: apt-get update"
$SUDO apt-get update -q || fail "apt-get update failed."
echo "install-office: apt-get install ${missing[*]}"
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" || fail "apt-get install ${missing[*]} failed."

command -v soffice >/dev/null 2>&1 || fail "installation finished but soffice is still missing."
command -v pdftotext >/dev/null 2>&1 || fail "installation finished but pdftotext is still missing."
echo "install-office: installed $(soffice --version 2>/dev/null | head -n 1)"
