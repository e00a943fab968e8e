#!/usr/bin/env python3
"""Fault drill for docs/reliability.md: kills, concurrent ingests and queries during replacement,
against the release binary on a generated bill. Prints a Markdown table.

Usage: scripts/fault-drill.py [--rows 1000000] [--kills 40] [--pairs 20] [--queries 200]
Needs: swift build -c release; the bill is generated into bench-data/ on first use.
"""
import argparse, glob, json, os, random, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "costtop")
GEN = os.path.join(ROOT, ".build", "release", "costtop-samplegen")


def run(args, **kw):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def total(cache):
    out = run([BIN, "query", "--cache", cache, "--by", "provider", "--period", "all", "--format", "json"])
    if out.returncode != 0:
        return None, out.stderr.strip()
    return json.loads(out.stdout)["total"]["cost"], None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--kills", type=int, default=40)
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    random.seed(args.seed)
    bill = os.path.join(ROOT, "bench-data", f"cur-{args.rows}")
    if not os.path.exists(bill):
        subprocess.check_call([GEN, "--out", bill, "--rows", str(args.rows), "--format", "cur", "--no-gzip"], stderr=subprocess.DEVNULL)
    small = os.path.join(ROOT, "sample-data", "aws-cur")
    work = tempfile.mkdtemp(prefix="costtop-drill-")
    cache = os.path.join(work, "c.ctc")
    rows = []

    # 1. kill -9 at random moments of a full ingest; the old (small) or the new (big) cache must open.
    assert run([BIN, "ingest", "--quiet", "--cache", cache, small]).returncode == 0
    old_total, _ = total(cache)
    started = time.perf_counter()
    assert run([BIN, "ingest", "--quiet", "--fresh", "--cache", cache, bill]).returncode == 0
    full = time.perf_counter() - started
    new_total, _ = total(cache)
    outcomes = {"old": 0, "new": 0, "broken": 0}
    leftovers_seen = 0
    for _ in range(args.kills):
        assert run([BIN, "ingest", "--quiet", "--fresh", "--cache", cache, small]).returncode == 0
        process = subprocess.Popen([BIN, "ingest", "--quiet", "--fresh", "--cache", cache, bill],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(random.uniform(0, full * 1.2))
        process.kill()
        process.wait()
        value, error = total(cache)
        outcomes["old" if value == old_total else "new" if value == new_total else "broken"] += 1
        leftovers_seen += len(glob.glob(cache + ".tmp.*"))
    assert run([BIN, "ingest", "--quiet", "--cache", cache, small]).returncode == 0
    leftovers_after = len(glob.glob(cache + ".tmp.*"))
    rows.append(f"| kill -9 at a random moment of a {args.rows:,}-line-item ingest ({full:.2f} s) | {args.kills} | "
                f"old cache {outcomes['old']}, new cache {outcomes['new']}, unreadable {outcomes['broken']}; "
                f"{leftovers_seen} temporary files left by the kills, {leftovers_after} after the next ingest |")

    # 2. two ingests of different files into one cache at the same time.
    parts = sorted(glob.glob(os.path.join(bill, "**", "*.csv"), recursive=True))[:2]
    kept_both = 0
    for _ in range(args.pairs):
        if os.path.exists(cache):
            os.remove(cache)
        a = subprocess.Popen([BIN, "ingest", "--quiet", "--cache", cache, parts[0]], stderr=subprocess.DEVNULL)
        b = subprocess.Popen([BIN, "ingest", "--quiet", "--cache", cache, parts[1]], stderr=subprocess.DEVNULL)
        ok = a.wait() == 0 and b.wait() == 0
        out = run([BIN, "query", "--cache", cache, "--by", "source", "--period", "all", "--format", "json"])
        sources = {row["key"] for row in json.loads(out.stdout)["rows"]} if out.returncode == 0 else set()
        if ok and set(parts) <= sources:
            kept_both += 1
    rows.append(f"| two ingests of different files into one cache at once | {args.pairs} | both files in the cache {kept_both} times |")

    # 3. queries while ingests replace the cache.
    assert run([BIN, "ingest", "--quiet", "--fresh", "--cache", cache, small]).returncode == 0
    valid = {total(cache)[0]}
    writer = subprocess.Popen(["bash", "-c", f"for i in $(seq 30); do {BIN} ingest --quiet --fresh --cache {cache} {parts[0]}; "
                               f"{BIN} ingest --quiet --fresh --cache {cache} {small}; done"], stderr=subprocess.DEVNULL)
    answered = failed = 0
    while writer.poll() is None and answered + failed < args.queries:
        value, error = total(cache)
        if error is None:
            answered += 1
        else:
            failed += 1
            print("query failed:", error, file=sys.stderr)
    writer.kill()
    rows.append(f"| queries while two ingests replace the cache in turn | {answered + failed} | answered {answered}, failed {failed} |")
    print("| fault | times | what survived |\n|---|---|---|\n" + "\n".join(rows))


if __name__ == "__main__":
    main()
