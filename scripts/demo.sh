#!/usr/bin/env bash
# The main job on TestImages/: check every sample and show the verdicts. Run by `make demo`.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${DOCSENTRY:-.build/debug/docsentry}
echo "== docsentry rules lint"
"$bin" rules lint
echo
echo "== docsentry check on the MRZ text samples of TestImages/mrz (reference date 2026-11-25)"
for file in TestImages/mrz/*.txt; do
  "$bin" check "$file" --reference-date 2026-11-25
  echo "   exit code $?"
done
if compgen -G "TestImages/generated/*.png" >/dev/null; then
  echo
  echo "== docsentry check on the scans of TestImages/generated"
  "$bin" check TestImages/generated/*.png --reference-date 2026-11-25
  echo "   exit code $?"
fi
exit 0
