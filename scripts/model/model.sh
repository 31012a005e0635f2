#!/usr/bin/env bash
# Trains DocSentry's MRZ recogniser (a Tesseract LSTM model over the 37 MRZ characters) end to end.
# Every stage is resumable: run it again after an interruption and it picks up where it stopped.
#
#   REAL_LINES=DIR scripts/model/model.sh [all|check|starter|data|lists|train|freeze|eval|eval-stock|snapshot NAME|progress
#                                          |finetune]
#
# `finetune` (make model-finetune) continues the shipped model instead of training from scratch: BASE_MODEL, an
# integer model, is turned back into a float one (int2float.py: each int8 weight times its row's scale, what
# `lstmtraining --convert_to_int` stored), then trained at FINETUNE_RATE on the same data as `all` plus photo-style
# synthetic lines, for FINETUNE_STAGES iterations (cumulative); after each stage the checkpoint is frozen to
# $WORK/finetune/snapshots/iN.traineddata and measured by `lstmeval` on the development lines (a fixed share of
# the training side's sources, DEVELOPMENT, never trained on) and the synthetic validation lines. The snapshot with
# the fewest wrong development photo lines (then font-rendered, then fewest iterations) goes to MODEL_OUTPUT. The
# held-out lines are neither trained on nor looked at: `eval` measures the result on them afterwards.
#
# Knobs (environment; `make model` passes its variables of the same names):
#   REAL_LINES (required)      a folder of real MRZ line images (IMAGE.tif/.png + IMAGE.gt.txt), or a folder holding
#                              one as lines/, with its sources.tsv when there is one: split by source image into
#                              training and held-out lines by scripts/model/split.py (the held-out lines are never
#                              trained on and give the real-print figures, photo and font-rendered apart)
#   MODEL_WORK=model-work      work folder (outside git): data, .lstmf, lists, checkpoints, logs
#   SYNTH_LINES=20000          synthetic training lines from `docsentry generate-lines` (0: none)
#   PHOTO_SYNTH_LINES=0        synthetic lines in the photographed-print style (`generate-lines --style photo`,
#                              seed SYNTH_SEED+2000)
#   SYNTH_VAL_LINES=500        synthetic validation lines (another seed), never trained on
#   SYNTH_SEED=1               seed of the synthetic training lines (validation uses SYNTH_SEED+1000)
#   PHOTO_WEIGHT=10            times each real training line of kind `photo` is listed
#   REAL_WEIGHT=3              times each other real training line (font_rendered, unlisted) is listed
#   NICE=15                    niceness of the long jobs (rendering, conversion, training, evaluation)
#   MAX_ITERATIONS=60000       training iterations (lines), summed over resumed runs: what the shipped model
#                              got; about 95 min of one core on an idle machine (10.5 per second)
#   MODEL_MINUTES=240          time cap in minutes, summed over resumed runs (a loaded machine is slower)
#   LEARNING_RATE=0.002  NET_SPEC=...  JOBS=2 (parallel .lstmf conversion)
#   DOCSENTRY=.build-model/release/docsentry   MODEL_OUTPUT=Models/mrz.traineddata
#   finetune only: BASE_MODEL=Models/mrz.traineddata  FINETUNE_RATE=0.0005  FINETUNE_STAGES="2000 3000 4000 5000 6000"
#                  DEVELOPMENT=0.15  (and PHOTO_SYNTH_LINES, PHOTO_WEIGHT, REAL_WEIGHT as above: make model-finetune
#                  passes 10000, 20 and 2)
set -euo pipefail
cd "$(dirname "$0")/../.."

WORK=${MODEL_WORK:-model-work}
REAL_LINES=${REAL_LINES:-}
SYNTH_LINES=${SYNTH_LINES:-20000}
PHOTO_SYNTH_LINES=${PHOTO_SYNTH_LINES:-0}
PHOTO_WEIGHT=${PHOTO_WEIGHT:-10}
NICE=${NICE:-15}
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
BASE_MODEL=${BASE_MODEL:-Models/mrz.traineddata}
FINETUNE_RATE=${FINETUNE_RATE:-0.0005}
FINETUNE_STAGES=${FINETUNE_STAGES:-2000 3000 4000 5000 6000}
DEVELOPMENT=${DEVELOPMENT:-0.15}
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
    find "$dir/" -maxdepth 1 \( -name '*.png' -o -name '*.tif' \) -print | sort | while read -r img; do
        [ -s "${img%.*}.lstmf" ] || { [ -f "${img%.*}.box" ] && echo "$img"; } || true
    done > "$dir/.todo"
    local todo; todo=$(wc -l < "$dir/.todo")
    if [ "$todo" -gt 0 ]; then
        say "lstmf: $dir: converting $todo lines on $JOBS processes"
        # shellcheck disable=SC2016
        OMP_THREAD_LIMIT=1 nice -n "$NICE" xargs -P "$JOBS" -n 1 -a "$dir/.todo" sh -c \
            'tesseract "$1" "${1%.*}" --psm 13 lstm.train >/dev/null 2>&1 || echo "$1" >> "$(dirname "$1")/.failed"' _
    fi
    say "lstmf: $dir: $(find "$dir/" -maxdepth 1 -name '*.lstmf' -size +0 | wc -l) .lstmf files"
}

# REAL_LINES must be a folder of line images with .gt.txt files: one line saying what is wrong otherwise.
check_real() {
    [ -n "$REAL_LINES" ] || { echo "model: REAL_LINES is not set: give a folder of MRZ line images with .gt.txt files, e.g. make model REAL_LINES=../shared/data/mrz-lines-real" >&2; exit 2; }
    local out
    out=$(python3 "$HERE/split.py" "$REAL_LINES" 2>&1) || { echo "model: REAL_LINES=${out#split: }" >&2; exit 2; }
    echo "model: $out"
}

# Links to the real line images in $WORK/real (all of them: makelists.py keeps the held-out ones out of training).
real_lines() {
    local dir=$WORK/real src
    mkdir -p "$dir"
    src=$(python3 -c 'import os,sys; sys.path.insert(0, sys.argv[1]); import split; print(os.path.abspath(split.image_folder(sys.argv[2])))' "$HERE" "$REAL_LINES")
    if [ -f "$dir/.linked" ] && [ "$(cat "$dir/.linked")" != "$src" ]; then
        echo "model: $dir holds the lines of $(cat "$dir/.linked"), not $src: remove $WORK or set MODEL_WORK" >&2; exit 2
    fi
    if [ ! -f "$dir/.linked" ]; then
        find "$src" -maxdepth 1 \( -name '*.tif' -o -name '*.png' -o -name '*.gt.txt' \) -exec ln -sf -t "$dir" {} +
        echo "$src" > "$dir/.linked"
    fi
    to_lstmf "$dir"
}

synthetic() {
    local dir=$1 count=$2 seed=$3 style=${4:-scan} styled=()
    [ "$count" -gt 0 ] || return 0
    [ "$style" = scan ] || styled=(--style "$style")
    mkdir -p "$dir"
    if [ ! -f "$dir/.done-$count-$seed" ]; then
        [ -x "$DOCSENTRY" ] || { echo "model: $DOCSENTRY missing: swift build -c release --scratch-path .build-model" >&2; exit 1; }
        say "synthetic: rendering $count lines, seed $seed, style $style, into $dir"
        rm -f "$dir"/.done-*
        # Two processes, each rendering half of the indices (the image of an index depends only on the seed).
        local half=$(( (count + 1) / 2 ))
        nice -n "$NICE" "$DOCSENTRY" generate-lines --out "$dir" --count "$half" --seed "$seed" "${styled[@]}" &
        local p1=$!
        nice -n "$NICE" "$DOCSENTRY" generate-lines --out "$dir" --count $(( count - half )) --start "$half" --seed "$seed" "${styled[@]}" &
        local p2=$!
        wait $p1; wait $p2
        touch "$dir/.done-$count-$seed"
    fi
    to_lstmf "$dir"
}

data() {
    timed real real_lines
    timed synthetic synthetic "$WORK/synth" "$SYNTH_LINES" "$SYNTH_SEED"
    timed synthetic-photo synthetic "$WORK/synth-photo" "$PHOTO_SYNTH_LINES" $(( SYNTH_SEED + 2000 )) photo
    timed synthetic-val synthetic "$WORK/synth-val" "$SYNTH_VAL_LINES" $(( SYNTH_SEED + 1000 ))
}

lists() {
    local synth=(--synth synth)
    [ "$PHOTO_SYNTH_LINES" -gt 0 ] && synth+=(--synth synth-photo)
    python3 "$HERE/makelists.py" "$WORK" "$REAL_LINES" "$SYNTH_SEED" --weight photo="$PHOTO_WEIGHT" \
        --weight default="$REAL_WEIGHT" "${synth[@]}" | tee -a "$WORK/model.log"
}

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
    OMP_THREAD_LIMIT=1 nice -n "$NICE" lstmtraining "${args[@]}" >> "$LOG" 2>&1 &
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

# Held-out figures of one model (a .traineddata path, or `eng` for the stock model with the MRZ whitelist): the
# real held-out lines by kind, and the synthetic validation lines. The stock model's are computed once and reused.
measure() {
    local model=$1 name=$2 out=$WORK/eval args
    mkdir -p "$out"
    if [ "$model" = eng ]; then
        args=(--lang eng --whitelist)
    else
        args=(--lang "$(basename "$model" .traineddata)" --tessdata-dir "$(cd "$(dirname "$model")" && pwd)")
    fi
    if [ "$model" = eng ] && [ -s "$out/real-$name.json" ] && [ "$out/real-$name.json" -nt "$WORK/lists/real-eval.txt" ]; then
        python3 -c 'import json,sys; sys.path.insert(0, sys.argv[2]); import evaluate; s=json.load(open(sys.argv[1])); [print(evaluate.describe(g) + " (cached)") for g in (s if isinstance(s, list) else [s])]' "$out/real-$name.json" "$HERE"
    else
        nice -n "$NICE" python3 "$HERE/evaluate.py" --images "$REAL_LINES" --holdout source "${args[@]}" \
            --jobs "$JOBS" --out "$out/real-$name.tsv" --label "real held-out, $name"
    fi
    if [ -d "$WORK/synth-val" ] && [ "${3:-}" != real-only ]; then
        nice -n "$NICE" python3 "$HERE/evaluate.py" --images "$WORK/synth-val" "${args[@]}" \
            --jobs "$JOBS" --out "$out/synth-$name.tsv" --label "synthetic held-out, $name"
    fi
}

evaluate() {
    local out=$WORK/eval; mkdir -p "$out"
    OMP_THREAD_LIMIT=1 nice -n "$NICE" lstmeval --model "$MODEL_OUTPUT" --eval_listfile "$WORK/lists/real-eval.txt" \
        > "$out/lstmeval-real.txt" 2>&1 || true
    {
        echo "# held-out evaluation, $(date -u +%FT%TZ)"
        echo "lstmeval (real held-out lines): $(grep -E 'BCER eval' "$out/lstmeval-real.txt" | tail -1)"
        measure "$MODEL_OUTPUT" "$(basename "$MODEL_OUTPUT" .traineddata)"
        measure eng eng
    } | tee "$out/summary.txt"
}

# The checkpoint as it is now, frozen to $WORK/snapshots/NAME.traineddata and measured on the real held-out lines:
# to follow a training while it runs (it competes for a core for about a minute).
snapshot() {
    local name=$1 ckpt=$RUN/mrz_checkpoint dir=$WORK/snapshots
    [ -s "$ckpt" ] || { echo "model: no checkpoint at $ckpt" >&2; exit 1; }
    mkdir -p "$dir"
    cp "$ckpt" "$dir/$name.checkpoint"
    lstmtraining --stop_training --convert_to_int --continue_from "$dir/$name.checkpoint" --traineddata "$STARTER" \
        --model_output "$dir/$name.traineddata" > "$dir/$name.log" 2>&1
    rm -f "$dir/$name.checkpoint"
    echo "snapshot $name: $(grep -E '^At iteration' "$LOG" | tail -1 | cut -c1-40)" | tee -a "$dir/summary.txt"
    measure "$dir/$name.traineddata" "$name" real-only | tee -a "$dir/summary.txt"
}

# Fine-tuning BASE_MODEL (see the head of this file). Resumable: each stage ends with a checkpoint and a done mark.
finetune() {
    local ft=$WORK/finetune run=$WORK/finetune/run ckpt=$WORK/finetune/run/mrz_checkpoint stage args
    mkdir -p "$ft/snapshots" "$run"
    if [ ! -s "$ft/base-float.lstm" ]; then
        [ -s "$BASE_MODEL" ] || { echo "model: BASE_MODEL $BASE_MODEL missing" >&2; exit 2; }
        cp "$BASE_MODEL" "$ft/base.traineddata"   # kept: MODEL_OUTPUT may be BASE_MODEL and is replaced at the end
        combine_tessdata -e "$ft/base.traineddata" "$ft/base.lstm" > "$ft/base.log" 2>&1
        python3 "$HERE/int2float.py" "$ft/base.lstm" "$ft/base-float.lstm" 2>> "$ft/base.log"
        say "finetune: base $BASE_MODEL made float: $(tail -1 "$ft/base.log")"
    fi
    if [ ! -s "$ft/lists/train.txt" ]; then
        python3 "$HERE/makelists.py" "$WORK" "$REAL_LINES" "$SYNTH_SEED" --weight photo="$PHOTO_WEIGHT" \
            --weight default="$REAL_WEIGHT" --synth synth --synth synth-photo --development "$DEVELOPMENT" \
            --lists "$ft/lists" | tee -a "$WORK/model.log"
    fi
    for stage in $FINETUNE_STAGES; do
        [ -f "$run/done-$stage" ] && continue
        args=(--traineddata "$STARTER" --model_output "$run/mrz" --learning_rate "$FINETUNE_RATE"
              --train_listfile "$ft/lists/train.txt" --max_iterations "$stage")
        if [ -s "$ckpt" ]; then args+=(--continue_from "$ckpt"); else args+=(--continue_from "$ft/base-float.lstm" --reset_learning_rate); fi
        say "finetune: training to $stage iterations"
        echo "=== $(date -u +%FT%TZ) lstmtraining ${args[*]}" >> "$ft/train.log"
        OMP_THREAD_LIMIT=1 nice -n "$NICE" lstmtraining "${args[@]}" >> "$ft/train.log" 2>&1
        lstmtraining --stop_training --convert_to_int --continue_from "$ckpt" --traineddata "$STARTER" \
            --model_output "$ft/snapshots/i$stage.traineddata" >> "$ft/freeze.log" 2>&1
        local line="i$stage" list
        for list in dev-photo dev-font_rendered synth-eval; do
            line+=" $list $(OMP_THREAD_LIMIT=1 nice -n "$NICE" lstmeval --model "$ft/snapshots/i$stage.traineddata" \
                --eval_listfile "$ft/lists/$list.txt" 2>&1 | grep -Eo 'BCER eval=[0-9.]+, BWER eval=[0-9.]+' | tail -1 | tr -d ' ')"
        done
        echo "$line" | tee -a "$ft/development.txt"
        touch "$run/done-$stage"
    done
    # The fewest wrong development photo lines (BWER: a line is one word), then font-rendered, then fewest iterations.
    local best
    best=$(awk '{ split($3, p, /[=,]/); split($5, f, /[=,]/); printf "%012.6f %012.6f %08d %s\n", p[4], f[4], substr($1, 2), $1 }' \
        "$ft/development.txt" | sort | head -1 | awk '{ print $4 }')
    cp "$ft/snapshots/$best.traineddata" "$MODEL_OUTPUT"
    say "finetune: $MODEL_OUTPUT is snapshot $best ($(grep "^$best " "$ft/development.txt"))"
}

# All in one function, called on the last line: bash has parsed the whole file before anything runs, so
# editing this script while a long training runs cannot derail the running copy.
main() {
    case "${1:-all}" in
        check) check_real ;;
        starter) starter ;;
        data) check_real; starter; data ;;
        lists) check_real; lists ;;
        train) timed train train ;;
        freeze) freeze ;;
        eval) check_real; evaluate ;;
        eval-stock) check_real; measure eng eng ;;
        snapshot) check_real; snapshot "${2:?snapshot NAME}" ;;
        progress) progress; cat "$WORK/progress.txt" ;;
        finetune) check_real; starter; data; finetune ;;
        all) check_real; timed starter starter; data; lists; timed train train; freeze; timed eval evaluate ;;
        *) echo "usage: $0 [all|check|starter|data|lists|train|freeze|eval|eval-stock|snapshot NAME|progress|finetune]" >&2; exit 64 ;;
    esac
}

main "$@"; exit $?
