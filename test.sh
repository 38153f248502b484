#!/usr/bin/env bash
# Runs every test of KnowledgePortal. Installs what the tests need first (Debian's Chromium for the
# browser tests, Tesseract and poppler for OCR of scanned PDFs), then runs the suite and ends with one
# line: "tests: N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '==> %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  log "installing Debian chromium for the browser tests"
  as_root apt-get update -qq >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || { echo "could not install chromium (apt-get install chromium)" >&2; exit 1; }
fi

if ! command -v tesseract >/dev/null || ! command -v pdftoppm >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx eng; then
  log "installing Debian tesseract-ocr and poppler-utils for the OCR tests"
  as_root apt-get update -qq >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-eng poppler-utils >/dev/null \
    || { echo "could not install OCR tools (apt-get install tesseract-ocr tesseract-ocr-eng poppler-utils)" >&2; exit 1; }
fi

output=$(mktemp)
trap 'rm -f "$output" "$output.failures"' EXIT
log "dotnet test"
dotnet test --solution KnowledgePortal.sln -c Release "$@" 2>&1 | tee "$output"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform prints one summary block per run; add them up.
read -r total failed succeeded skipped < <(awk '
  /^[[:space:]]+total:/     { t += $2 }
  /^[[:space:]]+failed:/    { f += $2 }
  /^[[:space:]]+succeeded:/ { s += $2 }
  /^[[:space:]]+skipped:/   { k += $2 }
  END { printf "%d %d %d %d\n", t, f, s, k }' "$output")

if [ "$total" -eq 0 ] && [ "$status" -ne 0 ]; then
  failed=1 # the build or the test host failed before any test ran
fi
# A failing test's captured output can run to thousands of lines and push its name out of a short log
# tail: repeat each failure's name and first lines of its message just above the summary.
awk '
  /^failed /                   { shown = 0; keep = 1; print; next }
  /^(passed|skipped) / || /^[[:space:]]*(Standard output|Standard error)/ { keep = 0 }
  keep && shown < 12           { print; shown++ }' "$output" > "$output.failures"
if [ -s "$output.failures" ]; then
  echo "==> failures"
  cat "$output.failures"
fi
rm -f "$output.failures"

line="tests: ${succeeded} passed, ${failed} failed"
[ "$skipped" -gt 0 ] && line="${line}, ${skipped} skipped"
echo "$line"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$total" -gt 0 ]
