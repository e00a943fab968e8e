#!/usr/bin/env python3
"""The cache at 100x (docs/scale.md): generated FOCUS daily roll-ups of 10M-100M rows, measured
with this build and, in the same run, with a baseline build (the binaries of an earlier commit).

    scripts/scale-bench.py --rows 10000000,50000000 --baseline bench-data/baseline [--repeats 30]

For each size and each build (baseline first, then this one, so both see the same machine):
  - `costtop-bench generate ROWS FILE`: the roll-up written through CacheWriter (time, peak RSS,
    file size);
  - `costtop-bench scale FILE R`: open + first frame of the explorer (100x30 cells, in-process),
    each drill step (account -> service -> usage type -> tag -> resource) median and p90,
    anomaly detection alone and in the background while keys are pressed;
  - `costtop-bench FILE R --queries-only`: the engine's drill-down queries in-process (median, p90);
  - `costtop query --by account` as a whole process (hyperfine, median of --runs).
Caches go to bench-data/ (git ignores it) and are deleted after the run unless --keep is given (a
50M-row baseline cache is 6.4 GB); --reuse measures kept ones again without writing them.
Prints one JSON object per (size, build) and a Markdown table with ratios to the baseline.
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "bench-data")


def run_json(command, env=None):
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(output.strip().splitlines()[-1])


def run_json_with_rss(command):
    """Like run_json, plus the process's peak resident set in MiB (wait4's rusage)."""
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, command)
    result = json.loads(output.strip().splitlines()[-1])
    result["peakRssMiB"] = usage.ru_maxrss / 1024
    return result


def process_time(costtop, cache, runs):
    export = os.path.join(DATA, "hyperfine.json")
    subprocess.run(["hyperfine", "--runs", str(runs), "--warmup", "2", "--export-json", export, "-N",
                    f"{costtop} query --cache {cache} --by account --limit 10"],
                   check=True, capture_output=True)
    with open(export) as handle:
        result = json.load(handle)["results"][0]
    return {"medianMs": result["median"] * 1000, "meanMs": result["mean"] * 1000}


def measure(build, binaries, rows, args):
    bench = os.path.join(binaries, "costtop-bench")
    costtop = os.path.join(binaries, "costtop")
    cache = os.path.join(DATA, f"scale-{build}-{rows}.ctc")
    if args.reuse and os.path.exists(cache) and os.path.exists(cache + ".json"):
        with open(cache + ".json") as handle:
            generated = json.load(handle)
    else:
        started = time.time()
        generated = run_json_with_rss([bench, "generate", str(rows), cache])
        generated["wallS"] = time.time() - started
        with open(cache + ".json", "w") as handle:
            json.dump(generated, handle)
    size = os.path.getsize(cache)
    # Drop the file from the page cache? No: the figures are for a cache that was just written
    # (warm), as after an ingest; a cold first open is dominated by the disk, not by costtop.
    scale = run_json([bench, "scale", cache, str(args.repeats)])
    queries = run_json([bench, cache, str(args.repeats * 4), "--queries-only"])
    process = process_time(costtop, cache, args.runs)
    if not args.keep:
        os.remove(cache)
        os.remove(cache + ".json")
    return {"build": build, "rows": generated["rows"], "generate": generated, "bytes": size,
            "bytesPerRow": size / generated["rows"], "scale": scale, "queries": queries, "process": process}


def table(results):
    lines = []
    by_size = {}
    for result in results:
        by_size.setdefault(result["rows"], {})[result["build"]] = result
    for rows, builds in sorted(by_size.items()):
        new, base = builds.get("new"), builds.get("baseline")
        lines.append(f"\n### {rows:,} rows\n")
        lines.append("| measure | baseline | this build | ratio (this ÷ baseline) |")
        lines.append("|---|---|---|---|")

        def row(name, get, unit):
            values = [get(b) if b else None for b in (base, new)]
            text = [f"{v:,.2f} {unit}" if v is not None else "—" for v in values]
            ratio = f"{values[1] / values[0]:.3f}×" if None not in values and values[0] else "—"
            lines.append(f"| {name} | {text[0]} | {text[1]} | {ratio} |")

        row("generate and write the cache", lambda b: b["generate"]["wallS"], "s")
        row("its peak RSS", lambda b: b["generate"].get("peakRssMiB"), "MiB")
        row("cache size", lambda b: b["bytes"] / 1e6, "MB")
        row("bytes per row", lambda b: b["bytesPerRow"], "B")
        row("open + first frame (median)", lambda b: b["scale"]["openFirstFrameMs"], "ms")
        for index in range(4):
            step = lambda b, i=index: b["scale"]["steps"][i]
            name = (new or base)["scale"]["steps"][index]["into"]
            row(f"explorer drill into {name}, first visit", lambda b, s=step: s(b).get("firstMs"), "ms")
            row(f"explorer drill into {name}, median", lambda b, s=step: s(b)["medianMs"], "ms")
            row(f"explorer drill into {name}, p90", lambda b, s=step: s(b)["p90Ms"], "ms")
        for index, query in enumerate((new or base)["queries"]["queries"]):
            label = f"query by {query['by']} ({', '.join(query['filters']) or '—'})"
            row(label + ", median", lambda b, i=index: b["queries"]["queries"][i]["medianMs"], "ms")
            row(label + ", p90", lambda b, i=index: b["queries"]["queries"][i]["p90Ms"], "ms")
        row("engine: open + top-level query (in-process)", lambda b: b["queries"]["openAndTopMs"], "ms")
        row("`costtop query --by account` process", lambda b: b["process"]["medianMs"], "ms")
        row("anomaly detection alone", lambda b: b["scale"]["anomaliesMs"], "ms")
        row("anomaly detection in the background", lambda b: b["scale"]["anomaliesBackgroundMs"], "ms")
        row("keys during detection, median", lambda b: b["scale"]["keyMedianDuringAnomaliesMs"], "ms")
        row("keys during detection, p90", lambda b: b["scale"]["keyP90DuringAnomaliesMs"], "ms")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", default="10000000,50000000")
    parser.add_argument("--baseline", help="folder with the baseline build's costtop and costtop-bench")
    parser.add_argument("--build", default=os.path.join(ROOT, ".build", "release"))
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the caches (and their generation figures)")
    parser.add_argument("--reuse", action="store_true", help="measure caches kept by an earlier --keep run")
    parser.add_argument("--only", choices=["new", "baseline"], help="measure one build only")
    args = parser.parse_args()
    os.makedirs(DATA, exist_ok=True)
    results = []
    for rows in [int(value) for value in args.rows.split(",")]:
        builds = [("baseline", args.baseline), ("new", args.build)]
        for build, binaries in builds:
            if not binaries or (args.only and args.only != build):
                continue
            result = measure(build, binaries, rows, args)
            print(json.dumps(result), flush=True)
            results.append(result)
    print(table(results))


if __name__ == "__main__":
    sys.exit(main())
