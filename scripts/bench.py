#!/usr/bin/env python3
"""Benchmark costtop against DuckDB on generated AWS CUR CSV, side by side in one run.

For each size: generate the data once (costtop-samplegen, uncompressed legacy CUR), then
  * ingest: `costtop ingest --fresh` vs DuckDB building the same daily roll-up from the same files
    (wall time, line items/s, MB/s, peak RSS of the process), median of --runs runs;
  * queries: each drill-down step measured in-process (costtop-bench; DuckDB's Python API on the
    roll-up table it built), median of many runs;
  * open + top-level query: costtop-bench's cold open of the cache plus the top query, and the whole
    `costtop query` process end to end.
Prints a Markdown report (docs/performance.md quotes it). DuckDB is installed from PyPI into
bench-data/venv on first use. Usage: scripts/bench.py [--rows 1000000,5000000] [--runs 3]
[--baseline BINARY] [--ingest-only] [--gcp ROWS [--gcp-only]]

--gcp ROWS adds a Google Cloud billing export of ROWS rows (scripts/gcp-samplegen.py) as JSON Lines
and as Parquet, costtop's ingest against DuckDB's read_json / read_parquet roll-up of the same file.

--baseline times another costtop binary (an earlier build, e.g. `git worktree add` of the commit
before a change, built in release) on the same files, interleaved with the current one, so a change's
effect on ingest is read as a ratio from one run rather than across runs on a noisy machine.
"""
import argparse, json, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "bench-data")
RELEASE = os.path.join(ROOT, ".build", "release")
VENV_PYTHON = os.path.join(DATA, "venv", "bin", "python")


def run_measured(command, env=None):
    """Runs a command; returns (seconds, peak RSS in MiB, stdout)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out = process.stdout.read()
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"failed: {' '.join(command)}\n{err.decode()}")
    return elapsed, usage.ru_maxrss / 1024, out.decode()


def current_files(folder):
    """The CSV files a CUR manifest names (only the latest assembly of each billing period)."""
    files = []
    for root, _, names in os.walk(folder):
        for name in names:
            if name.endswith("-Manifest.json"):
                with open(os.path.join(root, name)) as handle:
                    manifest = json.load(handle)
                for key in manifest["reportKeys"]:
                    files.append(os.path.join(root, manifest["assemblyId"], os.path.basename(key)))
    return sorted(files)


def ensure_duckdb():
    if os.path.exists(VENV_PYTHON) and subprocess.call([VENV_PYTHON, "-c", "import duckdb, pyarrow"]) == 0:
        return
    subprocess.check_call([sys.executable, "-m", "venv", os.path.join(DATA, "venv")])
    subprocess.check_call([VENV_PYTHON, "-m", "pip", "install", "-q", "duckdb==2.0.0", "pyarrow"])


def parquet_section(rows, files, codecs, runs, cache, duck_db, baseline=None):
    """CUR 2.0 Parquet: costtop and DuckDB build the same roll-up from the same files, interleaved;
    costtop on the CSV files in the same loop, for the line items per second of both paths (and
    the --baseline binary on the Parquet files, when given)."""
    lines = [f"## {rows:,} line items as CUR 2.0 Parquet\n",
             "| ingest | codec | time (s) | line items/s | peak RSS (MiB) |", "|---|---|---|---|---|"]
    csv_times, csv_rss = [], []
    line_items = None
    for codec in codecs:
        folder = os.path.join(DATA, f"cur2-{rows}-{codec}")
        if not os.path.exists(folder):
            os.makedirs(folder + ".partial", exist_ok=True)
            for index, source in enumerate(files):
                subprocess.check_call([VENV_PYTHON, os.path.join(ROOT, "scripts", "cur-to-parquet.py"), source,
                                       os.path.join(folder + ".partial", f"part-{index:03d}.parquet"), "--codec", codec])
            os.rename(folder + ".partial", folder)
        parquet_files = sorted(os.path.join(folder, name) for name in os.listdir(folder))
        ours, theirs, base = [], [], []
        for _ in range(runs):
            seconds, rss, out = run_measured([os.path.join(RELEASE, "costtop"), "ingest", "--fresh", "--cache", cache, folder])
            ours.append((seconds, rss))
            if baseline:
                base.append(run_measured([baseline, "ingest", "--fresh", "--cache", cache + ".baseline", folder])[:2])
            for line in out.splitlines():
                if line.startswith("line items"):
                    line_items = int(line.split()[2].replace(",", ""))
            if os.path.exists(duck_db):
                os.remove(duck_db)
            theirs.append(run_measured([VENV_PYTHON, os.path.join(ROOT, "scripts", "duckdb_bench.py"), "rollup-parquet", duck_db]
                                       + parquet_files)[:2])
            seconds, rss, _ = run_measured([os.path.join(RELEASE, "costtop"), "ingest", "--fresh", "--cache", cache + ".csv"] + files)
            csv_times.append(seconds)
            csv_rss.append(rss)
        our_time = statistics.median(s for s, _ in ours)
        duck_time = statistics.median(s for s, _ in theirs)
        our_rss = max(r for _, r in ours)
        duck_rss = max(r for _, r in theirs)
        lines.append(f"| costtop | {codec} | {our_time:.2f} | {line_items / our_time:,.0f} | {our_rss:,.0f} |")
        lines.append(f"| DuckDB | {codec} | {duck_time:.2f} | {line_items / duck_time:,.0f} | {duck_rss:,.0f} |")
        lines.append(f"| ratio | {codec} | **{duck_time / our_time:.2f}× DuckDB's throughput** | | **{our_rss / duck_rss:.2f}× DuckDB's RSS** |")
        if base:
            base_time = statistics.median(s for s, _ in base)
            base_rss = max(r for _, r in base)
            lines.append(f"| baseline | {codec} | {base_time:.2f} | {line_items / base_time:,.0f} | {base_rss:,.0f} |")
            lines.append(f"| current ÷ baseline | {codec} | **{our_time / base_time:.3f}× the time** | | {our_rss / base_rss:.2f}× the RSS |")
    csv_time = statistics.median(csv_times)
    lines.append(f"| costtop, the same bill as CSV | — | {csv_time:.2f} | {line_items / csv_time:,.0f} | {max(csv_rss):,.0f} |\n")
    return lines


def gcp_section(rows, runs, cache, duck_db):
    """A Google Cloud billing export (scripts/gcp-samplegen.py) as JSON Lines and as Parquet: costtop
    and DuckDB build the same daily roll-up from the same file, interleaved."""
    folder = os.path.join(DATA, f"gcp-{rows}")
    if not os.path.exists(folder):
        subprocess.check_call([VENV_PYTHON, os.path.join(ROOT, "scripts", "gcp-samplegen.py"), "--rows", str(rows),
                               "--shapes", "jsonl,parquet", folder + ".partial"])
        os.rename(folder + ".partial", folder)
    lines = [f"## {rows:,} rows of a Google Cloud billing export\n",
             "| ingest | file | MiB | time (s) | rows/s | MiB/s | peak RSS (MiB) |", "|---|---|---|---|---|---|---|"]
    for shape in ["jsonl", "parquet"]:
        path = os.path.join(folder, f"gcp-billing.{shape}")
        mib = os.path.getsize(path) / 1048576
        ours, theirs = [], []
        for _ in range(runs):
            ours.append(run_measured([os.path.join(RELEASE, "costtop"), "ingest", "--fresh", "--quiet", "--cache", cache, path])[:2])
            if os.path.exists(duck_db):
                os.remove(duck_db)
            theirs.append(run_measured([VENV_PYTHON, os.path.join(ROOT, "scripts", "duckdb_bench.py"), f"rollup-gcp-{shape}",
                                        duck_db, path])[:2])
        for name, measured in (("costtop", ours), ("DuckDB", theirs)):
            seconds = statistics.median(s for s, _ in measured)
            lines.append(f"| {name} | {shape} | {mib:,.0f} | {seconds:.2f} | {rows / seconds:,.0f} | {mib / seconds:,.1f} | "
                         f"{max(r for _, r in measured):,.0f} |")
        ratio = statistics.median(s for s, _ in theirs) / statistics.median(s for s, _ in ours)
        lines.append(f"| ratio | {shape} | | **{ratio:.2f}× DuckDB's throughput** | | | |")
    return lines + [""]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", default="1000000,5000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", help="another costtop binary to time on the same files, interleaved")
    parser.add_argument("--ingest-only", action="store_true", help="skip the query measurements")
    parser.add_argument("--parquet", default="", help="also the same bill as CUR 2.0 Parquet with these codecs, e.g. snappy,zstd")
    parser.add_argument("--parquet-only", action="store_true", help="only the Parquet measurements")
    parser.add_argument("--gcp", type=int, default=0, help="also a Google Cloud export of this many rows, JSONL and Parquet")
    parser.add_argument("--gcp-only", action="store_true", help="only the Google Cloud measurements")
    parser.add_argument("--no-build", action="store_true", help="use the release binaries as they are")
    args = parser.parse_args()
    os.makedirs(DATA, exist_ok=True)
    if not args.no_build:
        subprocess.check_call(["swift", "build", "-c", "release"], cwd=ROOT, stdout=subprocess.DEVNULL)
    ensure_duckdb()
    duck_version = subprocess.check_output([VENV_PYTHON, "-c", "import duckdb; print(duckdb.__version__)"]).decode().strip()
    report = [f"costtop vs DuckDB {duck_version}, {os.cpu_count()} cores, median of {args.runs} runs\n"]
    if args.gcp:
        report += gcp_section(args.gcp, args.runs, os.path.join(DATA, "bench-gcp.ctc"), os.path.join(DATA, "bench-gcp.duckdb"))
    for rows in [] if args.gcp_only else [int(r) for r in args.rows.split(",")]:
        folder = os.path.join(DATA, f"cur-{rows}")
        if not os.path.exists(folder):
            subprocess.check_call([os.path.join(RELEASE, "costtop-samplegen"), "--out", folder, "--rows", str(rows),
                                   "--format", "cur", "--no-gzip"], stderr=subprocess.DEVNULL)
        files = current_files(folder)
        size = sum(os.path.getsize(f) for f in files)
        cache = os.path.join(DATA, f"bench-{rows}.ctc")
        duck_db = os.path.join(DATA, f"bench-{rows}.duckdb")
        if args.parquet:
            report += parquet_section(rows, files, [c for c in args.parquet.split(",") if c], args.runs, cache, duck_db,
                                      args.baseline)
            if args.parquet_only:
                continue
        ours, theirs, base = [], [], []
        line_items = None
        for _ in range(args.runs):
            seconds, rss, out = run_measured([os.path.join(RELEASE, "costtop"), "ingest", "--fresh", "--cache", cache, folder])
            ours.append((seconds, rss))
            if args.baseline:
                base.append(run_measured([args.baseline, "ingest", "--fresh", "--cache", cache + ".baseline", folder])[:2])
            for line in out.splitlines():
                if line.startswith("line items"):
                    line_items = int(line.split()[2].replace(",", ""))
            if os.path.exists(duck_db):
                os.remove(duck_db)
            seconds, rss, _ = run_measured([VENV_PYTHON, os.path.join(ROOT, "scripts", "duckdb_bench.py"), "rollup", duck_db] + files)
            theirs.append((seconds, rss))
        our_time = statistics.median(s for s, _ in ours)
        duck_time = statistics.median(s for s, _ in theirs)
        our_rss = max(r for _, r in ours)
        duck_rss = max(r for _, r in theirs)
        mb = size / 1e6
        report.append(f"## {rows:,} line items ({mb:,.0f} MB of CSV in {len(files)} files)\n")
        report.append("| ingest | time (s) | line items/s | MB/s | peak RSS (MiB) | output size (MB) |")
        report.append("|---|---|---|---|---|---|")
        report.append(f"| costtop | {our_time:.2f} | {line_items / our_time:,.0f} | {mb / our_time:,.0f} | {our_rss:,.0f} | {os.path.getsize(cache) / 1e6:.1f} |")
        report.append(f"| DuckDB | {duck_time:.2f} | {line_items / duck_time:,.0f} | {mb / duck_time:,.0f} | {duck_rss:,.0f} | {os.path.getsize(duck_db) / 1e6:.1f} |")
        report.append(f"| ratio | **{duck_time / our_time:.2f}× DuckDB's throughput** | | | **{our_rss / duck_rss:.2f}× DuckDB's RSS** | |\n")
        if base:
            base_time = statistics.median(s for s, _ in base)
            base_rss = max(r for _, r in base)
            report.append(f"Baseline `{args.baseline}`: {base_time:.2f} s, peak RSS {base_rss:,.0f} MiB; "
                          f"current build ÷ baseline: **{our_time / base_time:.3f}× the time**, {our_rss / base_rss:.2f}× the RSS.\n")
        if args.ingest_only:
            continue

        bench = json.loads(subprocess.check_output([os.path.join(RELEASE, "costtop-bench"), cache, "200"]))
        duck = json.loads(subprocess.check_output([VENV_PYTHON, os.path.join(ROOT, "scripts", "duckdb_bench.py"), "queries",
                                                   duck_db, json.dumps(bench)]))
        report.append(f"Cache: {bench['cacheRows']:,} rows. Period {bench['from']}..{bench['to']} compared with "
                      f"{bench['compareFrom']}..{bench['compareTo']}.\n")
        report.append("| drill-down query | rows | costtop median (ms) | costtop p90 (ms) | DuckDB median (ms) | DuckDB ÷ costtop |")
        report.append("|---|---|---|---|---|---|")
        for ours_q, duck_q in zip(bench["queries"], duck["queries"]):
            filters = ", ".join(ours_q["filters"]) or "—"
            report.append(f"| by {ours_q['by']} ({filters}) | {ours_q['rows']} | {ours_q['medianMs']:.3f} | {ours_q['p90Ms']:.3f} | "
                          f"{duck_q['medianMs']:.2f} | {duck_q['medianMs'] / ours_q['medianMs']:.0f}× |")
        process_times = []
        for _ in range(15):
            seconds, _, _ = run_measured([os.path.join(RELEASE, "costtop"), "query", "--cache", cache, "--by", "account", "--format", "json"])
            process_times.append(seconds)
        alloc = bench["allocation"]
        report.append(f"\nAllocation (issue 14, target ≤ 2×): by a category of {alloc['rules']} rules with {alloc['splits']} "
                      f"proportional splits ({alloc['categoryRows']} values): {alloc['categoryWarmMs']:.3f} ms against "
                      f"{alloc['plainMs']:.3f} ms for the plain query by account (median of 200, interleaved): "
                      f"**{alloc['warmRatio']:.2f}×**; the engine's first category query, which builds the category "
                      f"column for the whole cache: {alloc['categoryColdMs']:.2f} ms.")
        report.append(f"\nAnomaly detection over every node, last 90 days: {bench['anomalyDetectionMs']:.0f} ms (median of 3, in-process).")
        report.append(f"\nOpen the cache and answer the top-level query: {bench['openAndTopMs']:.2f} ms in-process; "
                      f"{statistics.median(process_times) * 1000:.1f} ms for the whole `costtop query --by account` process "
                      f"(median of 15, including process start).\n")
    print("\n".join(report))


if __name__ == "__main__":
    main()
