#!/usr/bin/env bash
# make fuzz: builds the fuzz harness (Fuzz/, a package of its own) with libFuzzer and AddressSanitizer, then runs
# each target for FUZZ_SECONDS, one after the other. See Fuzz/README.md.
#
#   FUZZ_SECONDS   time per target (default 60)
#   FUZZ_CPU_SECONDS  instead of FUZZ_SECONDS: run each target until it has used this much CPU time (libFuzzer's own
#                  limit is wall-clock time, and on a shared machine a fuzzer at niceness 15 may get a small share of
#                  a core); the fuzzer is then interrupted (its exit 72 counts as a clean end) after its final stats
#   FUZZ_TARGETS   which targets (default: all; the harness lists them when run without DOCSENTRY_FUZZ_TARGET)
#   FUZZ_SEED      libFuzzer's -seed (default: random; CI fixes it so that a run can be repeated)
#   FUZZ_WORK      corpora, crashes and logs (default Fuzz/work, kept between runs so that corpora grow)
#   FUZZ_TIMEOUT   wall-clock seconds one input may take before it counts as a hang (default 60: a fuzzer at
#                  niceness 15 on a busy machine gets little CPU, and a legitimate 77-megapixel decode under
#                  AddressSanitizer then takes tens of seconds of wall-clock time)
#   FUZZ_RSS_MB    memory one run may use before it counts as out of memory (default 3072)
#   FUZZ_NICE      niceness of the fuzzers (default 15)
#
# Exits 1 when any target found a crash, a hang, a leak or an out-of-memory: its log's tail, the saved input
# and the command that replays it are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SWIFT=${SWIFT:-swift}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TARGETS=${FUZZ_TARGETS:-png jpeg tiff bmp gif pnm webp jpeg2000 mrz-text corrector rules}
FUZZ_WORK=${FUZZ_WORK:-$ROOT/Fuzz/work}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-60}
FUZZ_RSS_MB=${FUZZ_RSS_MB:-3072}
FUZZ_NICE=${FUZZ_NICE:-15}

echo "fuzz: building the harness (Fuzz/, release, -sanitize=fuzzer,address)"
nice -n "$FUZZ_NICE" "$SWIFT" build -c release --package-path Fuzz \
  -Xswiftc -sanitize=fuzzer,address
BIN=$("$SWIFT" build -c release --package-path Fuzz --show-bin-path)/DocSentryFuzz

failed=()
printf 'fuzz: %-9s %7s %7s %9s %10s %11s %7s  %s\n' target seconds "CPU s" runs "exec/CPU s" corpus "rss MB" result
for target in $FUZZ_TARGETS; do
  corpus=$FUZZ_WORK/corpus/$target seeds=$FUZZ_WORK/seeds/$target artifacts=$FUZZ_WORK/crashes/$target
  log=$FUZZ_WORK/logs/$target.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  rm -rf "$seeds"
  python3 scripts/fuzz-seeds.py "$target" "$seeds"
  dict=()
  [ -f "Fuzz/dictionaries/$target.dict" ] && dict=(-dict="Fuzz/dictionaries/$target.dict")
  status=0 started=$(date +%s)
  # CPU seconds besides wall-clock ones: at a high niceness on a shared machine a fuzzer may get a small share.
  # They are the children's CPU times (bash's `times`) before and after the run.
  times >"$log.cpu"; before=$(tail -1 "$log.cpu")   # not in a pipe or $(...): a subshell has no children
  # The Swift runtime's backtracer would read memory AddressSanitizer watches and bury the real report.
  SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no} DOCSENTRY_FUZZ_TARGET=$target \
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} nice -n "$FUZZ_NICE" "$BIN" \
    "$corpus" "$seeds" "${dict[@]}" -max_total_time="${FUZZ_CPU_SECONDS:+$((FUZZ_CPU_SECONDS * 20))}${FUZZ_CPU_SECONDS:-$FUZZ_SECONDS}" \
    -timeout="$FUZZ_TIMEOUT" -rss_limit_mb="$FUZZ_RSS_MB" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    ${FUZZ_SEED:+-seed=$FUZZ_SEED} >"$log" 2>&1 &
  fuzzer=$!
  interrupted=""
  if [ -n "${FUZZ_CPU_SECONDS:-}" ]; then
    ticks=$(getconf CLK_TCK)
    while kill -0 "$fuzzer" 2>/dev/null; do
      used=$(awk -v ticks="$ticks" '{ print int(($14 + $15) / ticks) }' "/proc/$fuzzer/stat" 2>/dev/null || echo 0)
      if [ "$used" -ge "$FUZZ_CPU_SECONDS" ]; then kill -INT "$fuzzer" 2>/dev/null; interrupted=yes; break; fi
      sleep 2
    done
  fi
  wait "$fuzzer" || status=$?
  if [ -n "$interrupted" ] && [ "$status" -eq 72 ] && grep -q 'libFuzzer: run interrupted' "$log"; then status=0; fi
  times >"$log.cpu"; after=$(tail -1 "$log.cpu")
  cpu=$(awk -v before="$before" -v after="$after" 'function seconds(t,   p) { split(t, p, /[ms]/); return p[1] * 60 + p[2] }
    BEGIN { split(before, b, " "); split(after, a, " "); printf "%.1f", seconds(a[1]) + seconds(a[2]) - seconds(b[1]) - seconds(b[2]) }')
  elapsed=$(( $(date +%s) - started ))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(awk -v runs="${runs:-0}" -v seconds="$cpu" 'BEGIN { printf "%.1f", (seconds > 0 ? runs / seconds : 0) }')
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  units=$(find "$corpus" -type f | wc -l)
  size=$(du -sk "$corpus" | cut -f1)
  if [ "$status" -eq 0 ]; then result=ok; else result="FAILED (exit $status)"; failed+=("$target"); fi
  printf 'fuzz: %-9s %7s %7s %9s %10s %11s %7s  %s\n' "$target" "$elapsed" "$cpu" "${runs:-?}" "$speed" \
    "$units/${size}K" "${rss:-?}" "$result"
  if [ "$status" -ne 0 ]; then
    echo "---- $target: last lines of $log"
    tail -n 40 "$log"
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    echo "---- $target: the input is saved at ${artifact:-(none saved; see the log)}"
    if [ -n "$artifact" ]; then echo "---- replay: SWIFT_BACKTRACE=enable=no DOCSENTRY_FUZZ_TARGET=$target $BIN $artifact"; fi
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
budget="$FUZZ_SECONDS s"
if [ -n "${FUZZ_CPU_SECONDS:-}" ]; then budget="$FUZZ_CPU_SECONDS CPU s"; fi
echo "fuzz: no crash, hang, leak or out-of-memory in $budget per target"
