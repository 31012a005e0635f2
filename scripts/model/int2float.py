#!/usr/bin/env python3
"""Turns a Tesseract integer ("fast") LSTM recogniser (combine_tessdata -e X.traineddata X.lstm) into a float one
that lstmtraining --continue_from accepts: every int8 weight matrix becomes doubles (weight = int8 * its row's
scale, the inverse of WeightMatrix::ConvertToInt), and TF_INT_MODE is cleared in the recogniser's training flags."""
import struct, sys

src, dst = sys.argv[1], sys.argv[2]
b = open(src, "rb").read()
out = bytearray()
pos = 0
converted = 0

def take(n):
    global pos
    chunk = b[pos:pos + n]; pos += n; out.extend(chunk); return chunk

def u32():
    return struct.unpack("<I", take(4))[0]

def i32():
    return struct.unpack("<i", take(4))[0]

def string():
    n = u32(); return take(n).decode()

def weights():
    global pos, converted
    mode = b[pos]; pos += 1
    if not mode & 1:
        raise SystemExit("weight matrix already float at %d" % pos)
    out.append((mode & ~1) & 0xFF)
    dim1, dim2 = struct.unpack("<II", b[pos:pos + 8]); pos += 8
    pos += 1  # int8 empty_
    data = struct.unpack("<%db" % (dim1 * dim2), b[pos:pos + dim1 * dim2]); pos += dim1 * dim2
    nscales = struct.unpack("<I", b[pos:pos + 4])[0]; pos += 4
    scales = struct.unpack("<%dd" % nscales, b[pos:pos + 8 * nscales]); pos += 8 * nscales
    assert nscales >= dim1, (nscales, dim1)
    out.extend(struct.pack("<IId", dim1, dim2, 0.0))
    floats = [data[r * dim2 + c] * scales[r] for r in range(dim1) for c in range(dim2)]
    out.extend(struct.pack("<%dd" % len(floats), *floats))
    converted += dim1 * dim2

def network():
    assert b[pos] == 0, "expected NT_NONE at %d" % pos
    take(1)
    kind = string()
    take(2)  # training_, needs_to_backprop_
    flags = u32(); ni = i32(); no = i32(); nw = i32(); name = string()
    if kind in ("Series", "Parallel", "Replicated", "ParBidiLSTM", "DepParUDLSTM", "Par2dLSTM",
                "RTLReversed", "TTBReversed", "XYTranspose"):
        for _ in range(u32()):
            network()
        if flags & 64:  # NF_LAYER_SPECIFIC_LR: vector<float>
            take(4 * u32())
    elif kind == "Input":
        take(20)  # StaticShape: batch, height, width, depth, loss_type
    elif kind in ("Convolve", "Maxpool", "Reconfig"):
        take(8)
    elif kind in ("LSTM", "SummLSTM", "LSTMSoftmax", "LSTMBinarySoftmax"):
        na = i32()
        # four gates (CI, GI, GF1, GO); GFS only in 2-D LSTMs (Is2D: ni != no input? see lstm.cpp: type NT_LSTM2D)
        for _ in range(4):
            weights()
        if kind in ("LSTMSoftmax", "LSTMBinarySoftmax"):
            network()
    elif kind in ("Softmax", "SoftmaxNoCTC", "Relu", "Tanh", "Linear", "Logistic", "LinLogistic", "LinTanh"):
        weights()
    else:
        raise SystemExit("unknown layer %s" % kind)
    print("%-12s %-24s ni=%d no=%d weights=%d" % (kind, name, ni, no, nw), file=sys.stderr)

network()
spec = string()
flags_at = len(out)
tf = i32()
out[flags_at:flags_at + 4] = struct.pack("<i", tf & ~1)
rest = b[pos:]
out.extend(rest)
print("net %s, training flags %d -> %d, %d weights converted, %d trailing bytes" % (spec, tf, tf & ~1, converted, len(rest)), file=sys.stderr)
open(dst, "wb").write(out)
