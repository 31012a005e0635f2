#!/usr/bin/env python3
"""Builds the lstmtraining list files from the .lstmf files present.

Usage: makelists.py WORK REAL_WEIGHT SEED
  WORK/real/line_NNNNN.lstmf   real lines: NNNNN % 10 == 0 is held out (validation), the rest trains,
                               listed REAL_WEIGHT times so that real print is not drowned by synthetic lines
  WORK/synth/*.lstmf           synthetic training lines, listed once
  WORK/synth-val/*.lstmf       synthetic validation lines (another seed), never trained on
Writes WORK/lists/train.txt (shuffled with SEED: lstmtraining walks the list in order),
WORK/lists/real-eval.txt and WORK/lists/synth-eval.txt (absolute paths).
"""
import os
import random
import re
import sys


def lstmf(directory):
    if not os.path.isdir(directory):
        return []
    return sorted(os.path.join(os.path.abspath(directory), n) for n in os.listdir(directory)
                  if n.endswith(".lstmf") and os.path.getsize(os.path.join(directory, n)) > 0)


def main(work, weight, seed):
    real_train, real_eval = [], []
    for path in lstmf(os.path.join(work, "real")):
        m = re.search(r"(\d+)\.lstmf$", path)
        (real_eval if m and int(m.group(1)) % 10 == 0 else real_train).append(path)
    synth = lstmf(os.path.join(work, "synth"))
    synth_eval = lstmf(os.path.join(work, "synth-val"))
    train = synth + real_train * weight
    random.Random(seed).shuffle(train)
    os.makedirs(os.path.join(work, "lists"), exist_ok=True)
    for name, items in (("train.txt", train), ("real-eval.txt", real_eval), ("synth-eval.txt", synth_eval)):
        with open(os.path.join(work, "lists", name), "w") as f:
            f.writelines(p + "\n" for p in items)
    print("lists: train %d (synthetic %d + real %d x%d), held out: real %d, synthetic %d"
          % (len(train), len(synth), len(real_train), weight, len(real_eval), len(synth_eval)))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
