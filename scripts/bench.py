#!/usr/bin/env python3
"""DocSentry end-to-end benchmark (run by `make bench`).

Generates a fixed set with the project's own generator (seed 424242, which no test uses), runs `docsentry check`
over it in one process per OCR model, and compares every report with the answer key beside each image:

- MRZ exact-read rate per document (every character right), before correction (`ocr.read`) and after, on the
  readable documents; character error rate;
- the verdict confusion matrix (pass/review/reject/unreadable against genuine/forged/unreadable keys), and the
  number of genuine readable documents rejected (must be 0);
- median and 95th-percentile latency of one `docsentry check` process on one 300-dpi TD3 page, process start
  included, with the visual-zone comparison and without it (`--no-viz`); documents per second for the whole set in one process and on all cores (`docsentry audit`);
  milliseconds per stage (`recognize` is the OCR time per document, `viz` the visual-zone comparison's);
- per forgery kind, the documents caught (reject, or review with a forensic finding), and for the visual-zone
  mismatches those whose finding names the field the forger changed;
- for each model, exact-line rate and CER on the held-out real MRZ lines of ../shared/data/mrz-lines-real
  (held out by source image, scripts/model/split.py), photographed and font-rendered lines apart, read by
  `tesseract` with that model.

Figures go to .build/bench/results.json and a table on standard output. Standard library only.
"""
import argparse, json, os, statistics, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "model"))
from evaluate import levenshtein  # one edit distance for both benchmarks
import split as splitting  # the model's training / held-out split of the real lines
WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"




def generate(binary, folder, count, seed):
    if folder.exists() and len(list(folder.glob("*.png"))) >= count:
        return
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([binary, "generate", "--out", str(folder), "--count", str(count), "--seed", str(seed),
                    "--format", "mixed", "--forgery", "mixed", "--degrade", "mixed", "--dpi", "300"], check=True)


def run_check(binary, files, model, reference_date):
    env = dict(os.environ, NO_COLOR="1")
    start = time.monotonic()
    result = subprocess.run([binary, "check", "--format", "json", "--reference-date", reference_date,
                             "--ocr-model", model, *map(str, files)], capture_output=True, text=True, env=env)
    elapsed = time.monotonic() - start
    reports = {}
    for line in result.stdout.splitlines():
        if line.strip():
            report = json.loads(line)
            reports[report["file"]] = report
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    return reports, errors, elapsed


def real_lines(model_dir, model, limit):
    """Exact-line rate and CER per kind (photo, font_rendered) on the held-out side of the source-image split."""
    folder = ROOT.parent / "shared" / "data" / "mrz-lines-real"
    if not folder.exists():
        folder = Path("/work/shared/data/mrz-lines-real")
    try:
        lines, _sources = splitting.split(str(folder))
    except splitting.SplitError:
        return None
    held_out = {}
    for stem in sorted(lines):
        image, _source, kind, side = lines[stem]
        if side == "held_out":
            held_out.setdefault(kind, []).append(Path(image))
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    figures = {}
    for kind, images in sorted(held_out.items()):
        images = images[:limit]
        exact, errors, characters = 0, 0, 0
        for image in images:
            truth = (image.parent / (image.stem + ".gt.txt")).read_text().strip()
            args = ["tesseract", str(image), "-", "--psm", "7", "-c", f"tessedit_char_whitelist={WHITELIST}",
                    "-c", "load_system_dawg=0", "-c", "load_freq_dawg=0"]
            if model == "eng":
                args += ["-l", "eng"]
            else:
                path = Path(model) if model != "mrz" else model_dir / "mrz.traineddata"
                args += ["--tessdata-dir", str(path.parent), "-l", path.stem]
            read = "".join(subprocess.run(args, capture_output=True, text=True, env=env).stdout.split())
            exact += read == truth
            errors += levenshtein(read, truth)
            characters += len(truth)
        figures[kind] = {"lines": len(images), "exact": exact / max(1, len(images)), "cer": errors / max(1, characters)}
    return figures


# Rule-id prefixes of the findings that name what a forger changed without leaving a failing check digit.
FORENSIC_PREFIXES = ("forensics.", "viz.", "specimen.", "ocr.correction-overrules")


def forgery_catch(keys, reports):
    """Per forgery kind: documents, and those caught (reject, or review with a forensic finding); per degradation:
    genuine readable documents and those sent to review or rejected."""
    kinds, genuine = {}, {}
    for key in keys:
        if not key["readable"]:
            continue
        report = reports.get(key["path"]) or {}
        verdict = report.get("verdict", "error")
        rules = [f["rule"] for f in report.get("findings", []) if f["severity"] != "info"]
        if not key["forgeries"]:
            for kind in sorted({d["kind"] for d in key["degradations"]}) or ["none"]:
                row = genuine.setdefault(kind, {"documents": 0, "review": 0, "reject": 0})
                row["documents"] += 1
                if verdict in ("review", "reject"):
                    row[verdict] += 1
            continue
        caught = verdict == "reject" or (verdict == "review" and any(r.startswith(FORENSIC_PREFIXES) for r in rules))
        for forgery in key["forgeries"]:
            row = kinds.setdefault(forgery["kind"], {"documents": 0, "caught": 0})
            row["documents"] += 1
            row["caught"] += caught
    return {"forgeries": kinds, "genuine_by_degradation": genuine, "visual_zone_mismatch": visual_zone_catch(keys, reports)}


# The answer key's visual-zone field and the rule id of the finding that names it.
VIZ_RULES = {"document_number": "viz.mismatch.document-number", "surname": "viz.mismatch.name", "given_names": "viz.mismatch.name",
             "date_of_birth": "viz.mismatch.date-of-birth", "date_of_expiry": "viz.mismatch.date-of-expiry",
             "sex": "viz.mismatch.sex", "nationality": "viz.mismatch.nationality"}


def visual_zone_catch(keys, reports):
    """Visual-zone mismatches the reader must see (readable, the visual zone on the image): those caught with the
    field named, a reject or review with the viz.mismatch finding of the field the forger changed."""
    row = {"documents": 0, "named": 0}
    for key in keys:
        forgery = next((f for f in key["forgeries"] if f["kind"] == "visual_zone_mismatch"), None)
        if not forgery or not key["readable"] or key["expected_verdict_with_forensics"] != "reject":
            continue
        report = reports.get(key["path"]) or {}
        rules = {f["rule"] for f in report.get("findings", []) if f["severity"] != "info"}
        row["documents"] += 1
        row["named"] += report.get("verdict") in ("review", "reject") and VIZ_RULES.get(forgery["field"]) in rules
    return row


def evaluate(keys, reports, errors):
    readable = [k for k in keys if k["readable"] and all(c in WHITELIST for c in "".join(k["mrz_lines"]))]
    exact_before = exact_after = 0
    char_errors_before = char_errors_after = characters = 0
    confusion = {}
    genuine_rejected = []
    stage_ms = {}
    for key in keys:
        report = reports.get(key["path"])
        truth = "forged" if key["forgeries"] else "genuine"
        if not key["readable"]:
            truth = "unreadable"
        verdict = report["verdict"] if report else "error"
        confusion.setdefault(truth, {}).setdefault(verdict, 0)
        confusion[truth][verdict] += 1
        if truth == "genuine" and verdict == "reject":
            genuine_rejected.append(key["path"])
        if report:
            for stage, ms in report.get("timings_ms", {}).items():
                stage_ms.setdefault(stage, []).append(ms)
    for key in readable:
        report = reports.get(key["path"]) or {}
        truth = "\n".join(key["mrz_lines"])
        after = "\n".join(report.get("mrz") or [])
        before = "\n".join((report.get("ocr") or {}).get("read") or [])
        exact_after += after == truth
        exact_before += before == truth
        characters += len(truth)
        char_errors_after += levenshtein(after, truth) if after else len(truth)
        char_errors_before += levenshtein(before, truth) if before else len(truth)
    n = max(1, len(readable))
    return {
        "documents": len(keys), "readable": len(readable),
        "exact_before_correction": exact_before / n, "exact_after_correction": exact_after / n,
        "cer_before_correction": char_errors_before / max(1, characters),
        "cer_after_correction": char_errors_after / max(1, characters),
        "confusion": confusion, "genuine_readable_rejected": genuine_rejected,
        "ms_per_stage_median": {s: statistics.median(v) for s, v in stage_ms.items()},
        "errors": errors[:20],
        **forgery_catch(keys, reports),
    }


def all_cores(binary, folder, model, reference_date):
    """Documents per second over the whole set with `docsentry audit` (one worker per core)."""
    out = ROOT / ".build" / "bench" / f"audit-{model.replace('/', '_')}.jsonl"
    start = time.monotonic()
    subprocess.run([binary, "audit", "run", str(folder), "--include", "*.png", "--out", str(out), "--force", "--quiet",
                    "--reference-date", reference_date, "--mode", "checkpoint", "--ocr-model", model],
                   capture_output=True)
    elapsed = time.monotonic() - start
    records = sum(1 for line in out.read_text().splitlines() if line.strip()) if out.exists() else 0
    return {"documents": records, "seconds": elapsed, "cores": os.cpu_count(), "documents_per_second": records / elapsed}


def latency(binary, image, model, runs, extra=()):
    times = []
    for _ in range(runs):
        start = time.monotonic()
        subprocess.run([binary, "check", str(image), "--reference-date", "2026-11-25", "--ocr-model", model, *extra],
                       capture_output=True)
        times.append((time.monotonic() - start) * 1000)
    times.sort()
    return {"median_ms": statistics.median(times), "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "docsentry"))
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=424242)
    parser.add_argument("--models", default="mrz,eng")
    parser.add_argument("--latency-runs", type=int, default=30)
    parser.add_argument("--real-lines", type=int, default=400, help="at most this many held-out real lines per kind")
    args = parser.parse_args()

    out = ROOT / ".build" / "bench"
    folder = out / f"set-{args.seed}-{args.count}"
    generate(args.binary, folder, args.count, args.seed)
    keys = []
    for path in sorted(folder.glob("*.json")):
        key = json.loads(path.read_text())
        key["path"] = str(path.with_suffix(".png"))
        keys.append(key)
    td3_clean = next((k["path"] for k in keys if k["format"] == "TD3" and not k["degradations"] and not k["forgeries"]), keys[0]["path"])

    models = [m for m in args.models.split(",") if m != "mrz" or (ROOT / "Models" / "mrz.traineddata").exists()]
    results = {"seed": args.seed, "count": args.count, "models": {},
               "load_average_at_start": os.getloadavg()[0], "cores": os.cpu_count()}
    if results["load_average_at_start"] > 0.5:
        print(f"bench: load average {results['load_average_at_start']:.1f} at start: speed figures are lower than on an idle machine",
              file=sys.stderr)
    for model in models:
        reports, errors, elapsed = run_check(args.binary, [k["path"] for k in keys], model, "2026-11-25")
        figures = evaluate(keys, reports, errors)
        figures["documents_per_second_one_process"] = len(keys) / elapsed
        figures["latency_one_document"] = latency(args.binary, td3_clean, model, args.latency_runs)
        figures["latency_one_document_no_viz"] = latency(args.binary, td3_clean, model, args.latency_runs, ["--no-viz"])
        figures["all_cores"] = all_cores(args.binary, folder, model, "2026-11-25")
        figures["real_lines_held_out"] = real_lines(ROOT / "Models", model, args.real_lines)
        results["models"][model] = figures
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2, sort_keys=True))

    rows = [
        ("documents (readable)", lambda f: f"{f['documents']} ({f['readable']})"),
        ("exact MRZ, before correction", lambda f: f"{100 * f['exact_before_correction']:.1f}%"),
        ("exact MRZ, after correction", lambda f: f"{100 * f['exact_after_correction']:.1f}%"),
        ("CER before / after", lambda f: f"{100 * f['cer_before_correction']:.2f}% / {100 * f['cer_after_correction']:.2f}%"),
        ("genuine readable rejected", lambda f: str(len(f["genuine_readable_rejected"]))),
        ("check latency median / p95", lambda f: f"{f['latency_one_document']['median_ms']:.0f} / {f['latency_one_document']['p95_ms']:.0f} ms"),
        ("  the same with --no-viz", lambda f: f"{f['latency_one_document_no_viz']['median_ms']:.0f} / {f['latency_one_document_no_viz']['p95_ms']:.0f} ms"),
        ("VIZ stage ms per document (median)", lambda f: f"{f['ms_per_stage_median'].get('viz', 0):.0f}"),
        ("VIZ mismatches caught, field named", lambda f: "n/a" if not f["visual_zone_mismatch"]["documents"] else
         f"{f['visual_zone_mismatch']['named']} of {f['visual_zone_mismatch']['documents']}"),
        ("documents/s, one process", lambda f: f"{f['documents_per_second_one_process']:.1f}"),
        ("documents/s, all cores (audit)", lambda f: f"{f['all_cores']['documents_per_second']:.1f} ({f['all_cores']['cores']} cores)"),
        ("OCR ms per document (median)", lambda f: f"{f['ms_per_stage_median'].get('recognize', 0):.0f}"),
    ]
    for kind in ("photo", "font_rendered"):
        rows.append((f"real held-out {kind} lines exact / CER",
                     lambda f, k=kind: "n/a" if not (f["real_lines_held_out"] or {}).get(k) else
                     f"{100 * f['real_lines_held_out'][k]['exact']:.1f}% / {100 * f['real_lines_held_out'][k]['cer']:.2f}%"))
    stages = sorted({s for f in results["models"].values() for s in f["ms_per_stage_median"]})
    for stage in stages:
        rows.append((f"ms {stage} (median)", lambda f, s=stage: f"{f['ms_per_stage_median'].get(s, 0):.1f}"))
    width = max(len(r[0]) for r in rows)
    print(f"{'':{width}}  " + "  ".join(f"{m:>22}" for m in models))
    for label, cell in rows:
        print(f"{label:{width}}  " + "  ".join(f"{cell(results['models'][m]):>22}" for m in models))
    for model in models:
        print(f"\nverdicts ({model}): rows = answer key, columns = DocSentry")
        confusion = results["models"][model]["confusion"]
        verdicts = ["pass", "review", "reject", "unreadable", "error"]
        print(f"{'':12}" + "".join(f"{v:>12}" for v in verdicts))
        for truth in ["genuine", "forged", "unreadable"]:
            print(f"{truth:12}" + "".join(f"{confusion.get(truth, {}).get(v, 0):>12}" for v in verdicts))
    for model in models:
        figures = results["models"][model]
        print(f"\nforgeries caught ({model}): reject, or review with a forensic finding")
        for kind, row in sorted(figures["forgeries"].items()):
            print(f"  {kind:40} {row['caught']:4} of {row['documents']:4}  {100 * row['caught'] / max(1, row['documents']):5.1f}%")
        print(f"genuine readable documents by degradation ({model}): sent to review / rejected")
        for kind, row in sorted(figures["genuine_by_degradation"].items()):
            print(f"  {kind:40} {row['review']:3} / {row['reject']:3} of {row['documents']:4}")
    print(f"\nwritten to {out / 'results.json'}")


if __name__ == "__main__":
    main()
