#!/usr/bin/env bash
# Trains DocSentry's MRZ recogniser (a Tesseract LSTM model over the 37 MRZ characters) end to end.
# Every stage is resumable: run it again after an interruption and it picks up where it stopped.
#
#   scripts/model/model.sh [all|starter|data|lists|train|freeze|eval|eval-stock|progress]
#
# Knobs (environment; `make model` passes its variables of the same names):
#   MODEL_WORK=model-work      work folder (outside git): data, .lstmf, lists, checkpoints, logs
#   REAL_LINES=../shared/data/mrz-lines-real/lines   real lines (.tif + .gt.txt); every tenth file is held out
#   SYNTH_LINES=20000          synthetic training lines from `docsentry generate-lines` (0: real lines only)
#   SYNTH_VAL_LINES=500        synthetic validation lines (another seed), never trained on
#   SYNTH_SEED=1               seed of the synthetic training lines (validation uses SYNTH_SEED+1000)
#   REAL_WEIGHT=3              times each real training line is listed
#   MAX_ITERATIONS=60000       training iterations (lines), summed over resumed runs: what the shipped model
#                              got; about 95 min of one core on an idle machine (10.5 per second)
#   MODEL_MINUTES=240          time cap in minutes, summed over resumed runs (a loaded machine is slower)
#   LEARNING_RATE=0.002  NET_SPEC=...  JOBS=2 (parallel .lstmf conversion)
#   DOCSENTRY=.build-model/release/docsentry   MODEL_OUTPUT=Models/mrz.traineddata
set -euo pipefail
cd "$(dirname "$0")/../.."

WORK=${MODEL_WORK:-model-work}
REAL_LINES=${REAL_LINES:-../shared/data/mrz-lines-real/lines}
SYNTH_LINES=${SYNTH_LINES:-20000}
SYNTH_VAL_LINES=${SYNTH_VAL_LINES:-500}
SYNTH_SEED=${SYNTH_SEED:-1}
REAL_WEIGHT=${REAL_WEIGHT:-3}
MODEL_MINUTES=${MODEL_MINUTES:-240}
MAX_ITERATIONS=${MAX_ITERATIONS:-60000}
LEARNING_RATE=${LEARNING_RATE:-0.002}
NET_SPEC=${NET_SPEC:-[1,36,0,1 Ct3,3,16 Mp3,3 Lfys48 Lfx96 Lrx96 Lfx192 O1c40]}
JOBS=${JOBS:-2}
DOCSENTRY=${DOCSENTRY:-.build-model/release/docsentry}
MODEL_OUTPUT=${MODEL_OUTPUT:-Models/mrz.traineddata}
ALPHABET='0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<'
HERE=scripts/model
STARTER=$WORK/starter/out/mrz/mrz.traineddata
RUN=$WORK/run
LOG=$WORK/train.log

mkdir -p "$WORK"
say() { echo "model: $*" | tee -a "$WORK/model.log"; }
timed() { local name=$1 t0; shift; t0=$(date +%s); "$@"; echo "$name $(( $(date +%s) - t0 )) s $(date -u +%FT%TZ)" >> "$WORK/times.txt"; }

# The starter traineddata: unicharset of exactly the 37 characters (+ NULL, Joined, |Broken|), no word lists.
starter() {
    [ -s "$STARTER" ] && { say "starter: $STARTER present"; return; }
    local dir=$WORK/starter
    rm -rf "$dir"; mkdir -p "$dir/script" "$dir/out/mrz"   # out/mrz must exist: "Error writing unicharset!!"
    printf '%s\n' "$ALPHABET" > "$dir/chars.txt"
    unicharset_extractor --output_unicharset "$dir/unicharset" --norm_mode 1 "$dir/chars.txt" > "$dir/log" 2>&1
    local n; n=$(head -1 "$dir/unicharset")
    [ "$n" = 40 ] || { echo "model: unicharset has $n entries, expected 40 (37 + 3)" >&2; exit 1; }
    # combine_lang_model reads radical-stroke.txt even for Latin script; an empty file fails too.
    printf '4E00\t1.0\n' > "$dir/script/radical-stroke.txt"
    combine_lang_model --input_unicharset "$dir/unicharset" --script_dir "$dir/script" \
        --output_dir "$dir/out" --lang mrz --pass_through_recoder >> "$dir/log" 2>&1
    [ -s "$STARTER" ] || { echo "model: combine_lang_model failed, see $dir/log" >&2; exit 1; }
    say "starter: $STARTER ($(stat -c %s "$STARTER") bytes, 37 characters)"
}

# .box beside every line image, then `tesseract IMAGE BASE --psm 13 lstm.train` for those without .lstmf.
to_lstmf() {
    local dir=$1
    python3 "$HERE/linebox.py" "$dir" | sed 's/^/  /'
    find "$dir" -maxdepth 1 \( -name '*.png' -o -name '*.tif' \) -print | sort | while read -r img; do
        [ -s "${img%.*}.lstmf" ] || { [ -f "${img%.*}.box" ] && echo "$img"; } || true
    done > "$dir/.todo"
    local todo; todo=$(wc -l < "$dir/.todo")
    if [ "$todo" -gt 0 ]; then
        say "lstmf: $dir: converting $todo lines on $JOBS processes"
        # shellcheck disable=SC2016
        OMP_THREAD_LIMIT=1 nice -n 10 xargs -P "$JOBS" -n 1 -a "$dir/.todo" sh -c \
            'tesseract "$1" "${1%.*}" --psm 13 lstm.train >/dev/null 2>&1 || echo "$1" >> "$(dirname "$1")/.failed"' _
    fi
    say "lstmf: $dir: $(find "$dir" -maxdepth 1 -name '*.lstmf' -size +0 | wc -l) .lstmf files"
}

real_lines() {
    [ -d "$REAL_LINES" ] || { echo "model: real lines not found at $REAL_LINES (set REAL_LINES)" >&2; exit 1; }
    local dir=$WORK/real src
    mkdir -p "$dir"
    src=$(cd "$REAL_LINES" && pwd)
    if [ ! -f "$dir/.linked" ]; then
        for f in "$src"/*.tif "$src"/*.gt.txt; do ln -sf "$f" "$dir/"; done
        touch "$dir/.linked"
    fi
    to_lstmf "$dir"
}

synthetic() {
    local dir=$1 count=$2 seed=$3
    [ "$count" -gt 0 ] || return 0
    mkdir -p "$dir"
    if [ ! -f "$dir/.done-$count-$seed" ]; then
        [ -x "$DOCSENTRY" ] || { echo "model: $DOCSENTRY missing: swift build -c release --scratch-path .build-model" >&2; exit 1; }
        say "synthetic: rendering $count lines, seed $seed, into $dir"
        rm -f "$dir"/.done-*
        # Two processes, each rendering half of the indices (the image of an index depends only on the seed).
        local half=$(( (count + 1) / 2 ))
        nice -n 10 "$DOCSENTRY" generate-lines --out "$dir" --count "$half" --seed "$seed" &
        local p1=$!
        nice -n 10 "$DOCSENTRY" generate-lines --out "$dir" --count $(( count - half )) --start "$half" --seed "$seed" &
        local p2=$!
        wait $p1; wait $p2
        touch "$dir/.done-$count-$seed"
    fi
    to_lstmf "$dir"
}

data() {
    timed real real_lines
    timed synthetic synthetic "$WORK/synth" "$SYNTH_LINES" "$SYNTH_SEED"
    timed synthetic-val synthetic "$WORK/synth-val" "$SYNTH_VAL_LINES" $(( SYNTH_SEED + 1000 ))
}

lists() { python3 "$HERE/makelists.py" "$WORK" "$REAL_WEIGHT" "$SYNTH_SEED" | tee -a "$WORK/model.log"; }

progress() {
    local elapsed; elapsed=$(cat "$RUN/elapsed_s" 2>/dev/null || echo 0)
    {
        echo "updated: $(date -u +%FT%TZ)"
        echo "training time: $(( elapsed / 60 )) min of $MODEL_MINUTES (max_iterations $MAX_ITERATIONS)"
        if [ -f "$RUN/lstmtraining.pid" ] && kill -0 "$(cat "$RUN/lstmtraining.pid")" 2>/dev/null; then
            echo "lstmtraining running: pid $(cat "$RUN/lstmtraining.pid"), log $LOG"
        else
            echo "lstmtraining not running"
        fi
        echo "last report:"; grep -E '^At iteration' "$LOG" 2>/dev/null | tail -1 || true
        echo "best so far:"; grep -E 'New best' "$LOG" 2>/dev/null | tail -1 || true
    } > "$WORK/progress.txt"
}

train() {
    mkdir -p "$RUN"
    local budget=$(( MODEL_MINUTES * 60 )) base ckpt=$RUN/mrz_checkpoint
    base=$(cat "$RUN/elapsed_s" 2>/dev/null || echo 0)
    if [ "$base" -ge "$budget" ]; then say "train: budget of $MODEL_MINUTES min already spent"; progress; return; fi
    [ -s "$WORK/lists/train.txt" ] || { echo "model: empty training list" >&2; exit 1; }
    local args=(--traineddata "$STARTER" --model_output "$RUN/mrz" --learning_rate "$LEARNING_RATE"
                --train_listfile "$WORK/lists/train.txt" --max_iterations "$MAX_ITERATIONS"
                --target_error_rate 0.0005)
    if [ -s "$ckpt" ]; then
        say "train: resuming from $ckpt after $(( base / 60 )) min"
        args+=(--continue_from "$ckpt")
    else
        say "train: from scratch, net $NET_SPEC"
        args+=(--net_spec "$NET_SPEC")
    fi
    echo "=== $(date -u +%FT%TZ) lstmtraining ${args[*]}" >> "$LOG"
    OMP_THREAD_LIMIT=1 nice -n 10 lstmtraining "${args[@]}" >> "$LOG" 2>&1 &
    local pid=$! start now elapsed
    echo "$pid" > "$RUN/lstmtraining.pid"
    trap 'kill $pid 2>/dev/null || true' EXIT INT TERM
    start=$(date +%s)
    while kill -0 "$pid" 2>/dev/null; do
        sleep 15
        now=$(date +%s); elapsed=$(( base + now - start ))
        echo "$elapsed" > "$RUN/elapsed_s"
        progress
        if [ "$elapsed" -ge "$budget" ]; then
            # Stop right after a checkpoint write (every 100 iterations), never in the middle of one.
            local m0 m; m0=$(stat -c %Y "$ckpt" 2>/dev/null || echo 0)
            for _ in $(seq 180); do sleep 1; m=$(stat -c %Y "$ckpt" 2>/dev/null || echo 0); [ "$m" != "$m0" ] && break; done
            sleep 2
            kill -TERM "$pid" 2>/dev/null || true  # not INT: a background job of a script ignores SIGINT
            say "train: budget of $MODEL_MINUTES min reached, stopped"
            break
        fi
    done
    wait "$pid" 2>/dev/null || true
    trap - EXIT INT TERM
    echo $(( base + $(date +%s) - start )) > "$RUN/elapsed_s"
    progress
    [ -s "$ckpt" ] || { echo "model: no checkpoint written, see $LOG" >&2; exit 1; }
}

freeze() {
    local ckpt=$RUN/mrz_checkpoint
    [ -s "$ckpt" ] || { echo "model: no checkpoint at $ckpt" >&2; exit 1; }
    lstmtraining --stop_training --convert_to_int --continue_from "$ckpt" --traineddata "$STARTER" \
        --model_output "$WORK/mrz.traineddata" > "$WORK/freeze.log" 2>&1
    local size; size=$(stat -c %s "$WORK/mrz.traineddata")
    [ "$size" -lt 5000000 ] || { echo "model: $WORK/mrz.traineddata is $size bytes (over 5 MB)" >&2; exit 1; }
    mkdir -p "$(dirname "$MODEL_OUTPUT")"
    cp "$WORK/mrz.traineddata" "$MODEL_OUTPUT"
    say "freeze: $MODEL_OUTPUT ($size bytes, integer), from $(grep -E '^At iteration' "$LOG" | tail -1 | cut -c1-40)"
}

# The stock eng model (MRZ whitelist) on the same lines; it does not change, so a result already there is reused.
stock() {
    local name=$1 dir=$2 out=$WORK/eval; shift 2
    if [ -s "$out/$name-eng.json" ] && [ "$out/$name-eng.json" -nt "$WORK/lists/real-eval.txt" ]; then
        python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("%s: %d/%d lines exact (%.1f%%), CER %.2f%% (%d errors / %d chars), %.0f s (cached)" % (s["label"], s["exact"], s["lines"], 100*s["exact_rate"], 100*s["cer"], s["edit_errors"], s["characters"], s["seconds"]))' "$out/$name-eng.json"
        return
    fi
    local label="real held-out"; [ "$name" = synth ] && label="synthetic held-out"
    nice -n 10 python3 "$HERE/evaluate.py" --images "$dir" "$@" --lang eng --whitelist \
        --jobs "$JOBS" --out "$out/$name-eng.tsv" --label "$label, eng+whitelist"
}

evaluate() {
    local out=$WORK/eval tessdir; mkdir -p "$out"
    tessdir=$(cd "$(dirname "$MODEL_OUTPUT")" && pwd)
    local lang; lang=$(basename "$MODEL_OUTPUT" .traineddata)
    OMP_THREAD_LIMIT=1 nice -n 10 lstmeval --model "$MODEL_OUTPUT" --eval_listfile "$WORK/lists/real-eval.txt" \
        > "$out/lstmeval-real.txt" 2>&1 || true
    {
        echo "# held-out evaluation, $(date -u +%FT%TZ)"
        echo "lstmeval (real held-out lines): $(grep -E 'BCER eval' "$out/lstmeval-real.txt" | tail -1)"
        nice -n 10 python3 "$HERE/evaluate.py" --images "$WORK/real" --holdout tenth --lang "$lang" \
            --tessdata-dir "$tessdir" --jobs "$JOBS" --out "$out/real-mrz.tsv" --label "real held-out, $lang"
        stock real "$WORK/real" --holdout tenth
        if [ -d "$WORK/synth-val" ]; then
            nice -n 10 python3 "$HERE/evaluate.py" --images "$WORK/synth-val" --lang "$lang" \
                --tessdata-dir "$tessdir" --jobs "$JOBS" --out "$out/synth-mrz.tsv" --label "synthetic held-out, $lang"
            stock synth "$WORK/synth-val" --holdout all
        fi
    } | tee "$out/summary.txt"
}

# All in one function, called on the last line: bash has parsed the whole file before anything runs, so
# editing this script while a long training runs cannot derail the running copy.
main() {
    case "${1:-all}" in
        starter) starter ;;
        data) starter; data ;;
        lists) lists ;;
        train) timed train train ;;
        freeze) freeze ;;
        eval) evaluate ;;
        eval-stock) mkdir -p "$WORK/eval"; stock real "$WORK/real" --holdout tenth ;;
        progress) progress; cat "$WORK/progress.txt" ;;
        all) timed starter starter; data; lists; timed train train; freeze; timed eval evaluate ;;
        *) echo "usage: $0 [all|starter|data|lists|train|freeze|eval|eval-stock|progress]" >&2; exit 64 ;;
    esac
}

main "$@"; exit $?
