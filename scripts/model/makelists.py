#!/usr/bin/env python3
"""Builds the lstmtraining list files from the .lstmf files present.

Usage: makelists.py WORK REAL_LINES SEED [--weight KIND=N ...] [--synth DIR[=N] ...] [--development SHARE] [--lists DIR]
  REAL_LINES                   the real line folder (see split.py): its lines are split by source image; the
                               held-out ones go to the evaluation list only, the others train, listed N times
                               per their kind (--weight photo=10; kinds not named: --weight default=N, 3 if
                               not given), so that scarce photographed print is not drowned by synthetic lines
  WORK/real/STEM.lstmf         the .lstmf of real line STEM (model.sh converts them there)
  WORK/DIR/*.lstmf             synthetic training lines (default DIR: synth), listed N times (default once)
  WORK/synth-val/*.lstmf       synthetic validation lines (another seed), never trained on
  --development SHARE          sets aside SHARE (0.15: 15%) of the training side's sources (split.development) as
                               dev-KIND.txt, never trained on: for choosing a checkpoint or a learning
                               rate without looking at the held-out lines
Writes, in --lists DIR (default WORK/lists), train.txt (shuffled with SEED: lstmtraining walks the list in order),
real-eval.txt (held-out real lines, all kinds), real-eval-KIND.txt per kind and synth-eval.txt (absolute
paths).
"""
import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import split as splitting  # noqa: E402


def lstmf(directory):
    if not os.path.isdir(directory):
        return []
    return sorted(os.path.join(os.path.abspath(directory), n) for n in os.listdir(directory)
                  if n.endswith(".lstmf") and os.path.getsize(os.path.join(directory, n)) > 0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("work")
    p.add_argument("real_lines")
    p.add_argument("seed", type=int)
    p.add_argument("--weight", action="append", default=[])
    p.add_argument("--synth", action="append", default=[])
    p.add_argument("--development", type=float, default=0.0)
    p.add_argument("--lists")
    a = p.parse_args()
    weights = {"default": 3}
    for item in a.weight:
        kind, _, n = item.partition("=")
        weights[kind] = int(n)
    try:
        lines, _sources = splitting.split(a.real_lines)
    except splitting.SplitError as error:
        sys.exit("makelists: %s" % error)

    real = os.path.join(os.path.abspath(a.work), "real")
    train, held_out, development, described = [], {}, {}, []
    per_kind = {}
    for stem in sorted(lines):
        _image, _source, kind, side = lines[stem]
        path = os.path.join(real, stem + ".lstmf")
        if not (os.path.exists(path) and os.path.getsize(path) > 0):
            continue
        if side == "held_out":
            held_out.setdefault(kind, []).append(path)
        elif a.development and splitting.development(_source, kind, a.development):
            development.setdefault(kind, []).append(path)
        else:
            n = weights.get(kind, weights["default"])
            train += [path] * n
            per_kind[kind] = (per_kind.get(kind, (0, n))[0] + 1, n)
    for kind, (count, n) in sorted(per_kind.items()):
        described.append("real %s %d x%d" % (kind, count, n))
    for item in a.synth or ["synth"]:
        name, _, n = item.partition("=")
        files = lstmf(os.path.join(a.work, name))
        train += files * int(n or 1)
        described.append("%s %d x%d" % (name, len(files), int(n or 1)))
    synth_eval = lstmf(os.path.join(a.work, "synth-val"))
    random.Random(a.seed).shuffle(train)
    lists = a.lists or os.path.join(a.work, "lists")
    os.makedirs(lists, exist_ok=True)
    outputs = [("train.txt", train), ("real-eval.txt", sorted(sum(held_out.values(), []))),
               ("synth-eval.txt", synth_eval)]
    outputs += [("real-eval-%s.txt" % kind, files) for kind, files in sorted(held_out.items())]
    outputs += [("dev-%s.txt" % kind, files) for kind, files in sorted(development.items())]
    for name, items in outputs:
        with open(os.path.join(lists, name), "w") as f:
            f.writelines(path + "\n" for path in items)
    print("lists: train %d (%s); held out: %s, synthetic %d%s"
          % (len(train), ", ".join(described),
             ", ".join("real %s %d" % (k, len(v)) for k, v in sorted(held_out.items())), len(synth_eval),
             "; development (never trained on): " + ", ".join("%s %d" % (k, len(v))
                                                              for k, v in sorted(development.items()))
             if development else ""))


if __name__ == "__main__":
    main()
