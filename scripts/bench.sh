#!/usr/bin/env bash
# make bench: the end-to-end benchmark (see scripts/bench.py for what it measures).
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 scripts/bench.py "$@"
