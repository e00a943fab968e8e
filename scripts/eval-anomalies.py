#!/usr/bin/env python3
"""Evaluates `costtop anomalies` against planted, labelled anomalies (docs/anomalies.md).

Generates a bill with `costtop-samplegen --anomalies N --labels FILE --no-stories`, ingests it, runs
the detector, and matches detections with labels: a detection matches a label when its path is the
labelled node or one of its ancestors (account, account/service) and its first day falls between the
label's first day and its last day + 3. Reports recall (labels found), precision (detections that
match a label), the detection delay in days, and — on a second, quiet bill with no planted anomalies
— false alarms per 30 days.

With --short it evaluates short history instead (scripts/eval_short_history.py): for each seed and
each history of 14, 21 and 35 days, a bill with three tag keys on every line item and events planted at
every depth (account, service, usage type, tag value only) in the week after the history; it reports
recall, the precision of the 10 largest detections, planted events over $1,000 missed, and the
detections on the same bill without events (false alarms).

usage: scripts/eval-anomalies.py [--anomalies 40] [--rows 400000] [--days 120] [--seed 7] [--build debug|release]
       scripts/eval-anomalies.py --short [--seeds 101,102,103] [--histories 14,21,35] [--build debug|release]
"""
import argparse, csv, json, os, statistics, subprocess, sys, tempfile
from datetime import date

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def detect(build, folder, cache, since):
    run(os.path.join(build, "costtop"), "ingest", "--quiet", "--fresh", "--cache", cache, folder)
    return json.loads(run(os.path.join(build, "costtop"), "anomalies", "--cache", cache, "--since", since, "--format", "json"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--anomalies", type=int, default=40)
    parser.add_argument("--rows", type=int, default=400_000)
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--build", default="release")
    parser.add_argument("--verbose", action="store_true", help="list the labels no detection matched")
    parser.add_argument("--short", action="store_true", help="evaluate short-history bills (14, 21, 35 days)")
    parser.add_argument("--seeds", default="101,102,103,104,105")
    parser.add_argument("--histories", default="14,21,35")
    parser.add_argument("--no-build", action="store_true", help="use the binaries already built")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.check_call(["swift", "build", "-c", args.build], cwd=ROOT, stdout=subprocess.DEVNULL)
    build = os.path.join(ROOT, ".build", args.build)
    if args.short:
        return short_history(build, [int(s) for s in args.seeds.split(",")], [int(h) for h in args.histories.split(",")], args.verbose)
    work = tempfile.mkdtemp(prefix="costtop-eval-")
    common = ["--rows", str(args.rows), "--days", str(args.days), "--seed", str(args.seed), "--format", "cur", "--no-gzip",
              "--no-stories"]
    labels_file = os.path.join(work, "labels.csv")
    run(os.path.join(build, "costtop-samplegen"), "--out", os.path.join(work, "planted"), "--anomalies", str(args.anomalies),
        "--labels", labels_file, *common)
    run(os.path.join(build, "costtop-samplegen"), "--out", os.path.join(work, "quiet"), *common)
    with open(labels_file) as handle:
        labels = list(csv.DictReader(handle))
    first_label = min(date.fromisoformat(l["start"]) for l in labels)
    since = first_label.isoformat()
    found = detect(build, os.path.join(work, "planted"), os.path.join(work, "planted.ctc"), since)
    quiet = detect(build, os.path.join(work, "quiet"), os.path.join(work, "quiet.ctc"), since)

    def node(label):
        return [label["account"], label["service"], label["usage_type"]]

    def matches(detection, label):
        keys = [step["key"] for step in detection["path"]]
        dims = [step["dimension"] for step in detection["path"]]
        if not dims or dims[0] != "account" or keys != node(label)[:len(keys)]:
            return False
        start = date.fromisoformat(detection["start"])
        return date.fromisoformat(label["start"]) <= start and (start - date.fromisoformat(label["end"])).days <= 3

    matched_labels, delays = 0, []
    for label in labels:
        hits = [d for d in found if matches(d, label)]
        if hits:
            matched_labels += 1
            delays.append(min((date.fromisoformat(d["start"]) - date.fromisoformat(label["start"])).days for d in hits))
    true_detections = sum(1 for d in found if any(matches(d, l) for l in labels))
    window_days = (date.fromisoformat(max(l["end"] for l in labels)) - first_label).days + 1
    print(f"planted: {len(labels)} labels ({', '.join(sorted(set(l['kind'] for l in labels)))}), {len(found)} detections")
    print(f"recall    {matched_labels / len(labels):.2f}  ({matched_labels}/{len(labels)})")
    print(f"precision {true_detections / max(1, len(found)):.2f}  ({true_detections}/{len(found)})")
    if delays:
        print(f"delay     median {statistics.median(delays):.1f} days, max {max(delays)} days")
    print(f"quiet bill: {len(quiet)} false alarms in {window_days} days = {len(quiet) * 30 / window_days:.2f} per 30 days")
    if "--verbose" in sys.argv:
        for label in labels:
            if not any(matches(d, label) for d in found):
                near = [(d["kind"], d["start"], [s["key"] for s in d["path"]]) for d in found if d["path"] and d["path"][0]["key"] == label["account"]]
                print("  missed", dict(label), "near:", near[:3])
    for kind in sorted(set(l["kind"] for l in labels)):
        subset = [l for l in labels if l["kind"] == kind]
        hit = sum(1 for l in subset if any(matches(d, l) for d in found))
        print(f"  {kind:15} recall {hit}/{len(subset)}")


def short_history(build, seeds, histories, verbose):
    """One line per seed and history: recall, top-10 precision, large misses, quiet-bill alarms."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import eval_short_history as short
    work = tempfile.mkdtemp(prefix="costtop-eval-short-")
    print(f"{'seed':>5} {'history':>7} {'recall':>12} {'top-10 precision':>17} {'missed > $1,000':>16} {'quiet alarms':>13}")
    totals = [0, 0, 0, 0, 0, 0]
    for seed in seeds:
        for history in histories:
            results = []
            for events in (True, False):
                series, labels = short.build(seed, history, with_events=events)
                folder = os.path.join(work, f"{seed}-{history}-{'planted' if events else 'quiet'}")
                os.makedirs(folder)
                short.write(series, history + short.EVENT_DAYS, os.path.join(folder, "cur.csv"))
                since = (short.START + short.timedelta(days=history)).isoformat()
                results.append((labels, detect(build, folder, folder + ".ctc", since)))
            (labels, found), (_, quiet) = results
            hit = [l for l in labels if any(short.matches(d, l) for d in found)]
            top = sorted(found, key=lambda d: -abs(float(d["impact"])))[:10]
            good = sum(1 for d in top if any(short.matches(d, l) for l in labels))
            large_missed = [l for l in labels if l["impact"] > 1000 and l not in hit]
            print(f"{seed:>5} {history:>7} {len(hit) / len(labels):>6.2f} ({len(hit)}/{len(labels)}) "
                  f"{good / max(1, len(top)):>8.2f} ({good}/{len(top)}) {len(large_missed):>16} {len(quiet):>13}")
            for index, value in enumerate([len(hit), len(labels), good, len(top), len(large_missed), len(quiet)]):
                totals[index] += value
            if verbose:
                for label in labels:
                    if label not in hit:
                        print("    missed", label)
                for d in top:
                    if not any(short.matches(d, l) for l in labels):
                        print("    unmatched", d["kind"], d["start"], [s["key"] for s in d["path"]], d["impact"])
                for d in quiet:
                    print("    quiet alarm", d["kind"], d["start"], [s["key"] for s in d["path"]], d["impact"])
    print(f"  all: recall {totals[0] / totals[1]:.3f} ({totals[0]}/{totals[1]}), top-10 precision {totals[2] / max(1, totals[3]):.3f} "
          f"({totals[2]}/{totals[3]}), missed over $1,000: {totals[4]}, quiet-bill alarms: {totals[5]}")


if __name__ == "__main__":
    main()
