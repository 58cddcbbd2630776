#!/usr/bin/env bash
# Installs what the office-suite test (src/test/office-suite.test.ts) needs to open the XLSX and
# DOCX exports: LibreOffice headless (Writer, Calc), CJK fonts, Carlito (metric-compatible with
# Calibri, the default font of exceljs workbooks, so column widths come out as in Excel) and
# poppler-utils (pdftotext, pdftoppm). Debian packages only. Idempotent: does nothing when all are there.
set -euo pipefail

bash "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" install-office \
  libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk fonts-crosextra-carlito poppler-utils
for cmd in soffice pdftotext; do
  command -v "$cmd" >/dev/null 2>&1 || { echo "install-office: ERROR: installation finished but $cmd is still missing." >&2; exit 1; }
done
echo "install-office: ready ($(soffice --version 2>/dev/null | head -n 1); $(pdftotext -v 2>&1 | head -n 1))"
