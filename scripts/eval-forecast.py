#!/usr/bin/env python3
"""Backtests `costtop forecast` against a run-rate baseline (docs/forecast.md).

For every complete month of every bill, and every cut day of that month (the 1st to the day before
the last), runs `costtop forecast --as-of CUT` (a hidden option that ignores every later day, so one
cache serves every cut) and compares its month-end forecast with the month's actual total:

- the absolute percentage error of costtop's forecast and of the run-rate baseline
  (actual to date / days elapsed × days in the month);
- whether the actual total fell inside costtop's interval (coverage, which should be near --level);
- the same for the next month, when it is complete too.

The actual month totals (from `costtop query --by month`) are first checked against
scripts/reconcile.py's independent Decimal sum of the raw files, to the cent.

Bills: `costtop-samplegen` with several seeds, five months each, with its three stories (a spike, a
new service, a ramp) and --anomalies N planted changes (spikes, level shifts, new and stopped spend,
gradual growth); and the public samples in ../shared/samples whose data covers a whole month.

usage: scripts/eval-forecast.py [--seeds 1,2,3,4] [--days 152] [--rows 60000] [--anomalies 12]
                                [--build debug|release] [--no-build] [--level 80] [--jobs 2]
                                [--no-bias-correction] [--json FILE]
"""
import argparse, calendar, decimal, json, os, statistics, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(os.path.dirname(ROOT), "shared", "samples")
PUBLIC = ["focus-sample-data", "focus_converters", "finops-toolkit"]


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def month_totals(costtop, cache):
    doc = json.loads(run(costtop, "query", "--cache", cache, "--by", "month", "--period", "all", "--format", "json",
                         "--compare", "none"))
    return doc["from"], doc["to"], {row["key"]: row["cost"] for row in doc["rows"]}


def complete_months(first, last):
    """Months whose every day lies in [first, last]."""
    months, day = [], date.fromisoformat(first).replace(day=1)
    first, last = date.fromisoformat(first), date.fromisoformat(last)
    while day <= last:
        end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        if day >= first and end <= last:
            months.append(day)
        day = end + timedelta(days=1)
    return months


def reconcile_months(costtop, cache, folder):
    """Each complete month's cost per account against scripts/reconcile.py's independent Decimal sum
    of the raw files (csv + decimal, manifests honoured, no shared code): the largest difference,
    in cents (0 when every account of every month agrees to the cent)."""
    first, last, _ = month_totals(costtop, cache)
    worst = 0
    for month in complete_months(first, last):
        end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        oracle = json.loads(run(sys.executable, os.path.join(ROOT, "scripts", "reconcile.py"), "--by", "account", "--metric",
                                "billed", "--from", month.isoformat(), "--to", end.isoformat(), folder))
        doc = json.loads(run(costtop, "query", "--cache", cache, "--by", "account", "--from", month.isoformat(), "--to",
                             end.isoformat(), "--compare", "none", "--format", "json"))
        ours = {row["key"]: decimal.Decimal(str(row["cost"])).quantize(decimal.Decimal("0.01")) for row in doc["rows"]}
        for key in set(oracle) | set(ours):
            difference = abs(decimal.Decimal(oracle.get(key, "0")) - ours.get(key, decimal.Decimal(0)))
            worst = max(worst, int(difference * 100))
    return worst


def evaluate_cache(costtop, cache, name, level, extra):
    """One record per (month, cut day)."""
    first, last, totals = month_totals(costtop, cache)
    jobs = []
    for month in complete_months(first, last):
        length = calendar.monthrange(month.year, month.month)[1]
        for cut in range(1, length):
            jobs.append((month, length, cut))

    def one(job):
        month, length, cut = job
        as_of = month.replace(day=cut)
        doc = json.loads(run(costtop, "forecast", "--cache", cache, "--as-of", as_of.isoformat(), "--level", str(level),
                             "--format", "json", *extra))
        key = month.strftime("%Y-%m")
        actual = totals.get(key, 0.0)
        nxt = (month.replace(day=length) + timedelta(days=1)).strftime("%Y-%m")
        history = (as_of - date.fromisoformat(first)).days + 1
        return {
            "bill": name, "month": key, "cut": cut, "length": length, "history": history, "actual": actual,
            "forecast": doc["forecast"], "lower": doc["lower"], "upper": doc["upper"],
            "runRate": doc["actualToDate"] / cut * length, "interval": doc["interval"],
            "nextActual": totals.get(nxt) if nxt in [m.strftime("%Y-%m") for m in complete_months(first, last)] else None,
            "nextForecast": doc["nextMonth"]["forecast"], "nextLower": doc["nextMonth"]["lower"],
            "nextUpper": doc["nextMonth"]["upper"], "previousActual": totals.get(
                (month - timedelta(days=1)).strftime("%Y-%m")),
        }

    with ThreadPoolExecutor(max_workers=JOBS) as pool:
        # A month that nets to zero (credits equal to charges) has no percentage error.
        return [r for r in pool.map(one, jobs) if r["actual"] != 0]


def ape(forecast, actual):
    return abs(forecast - actual) / abs(actual) * 100


def summarize(records, title):
    if not records:
        print(f"{title}: no cuts")
        return {}
    costtop = [ape(r["forecast"], r["actual"]) for r in records]
    rate = [ape(r["runRate"], r["actual"]) for r in records]
    inside = [r["lower"] <= r["actual"] <= r["upper"] for r in records]
    wins = sum(a < b for a, b in zip(costtop, rate))
    summary = {
        "cuts": len(records), "medianApe": statistics.median(costtop), "runRateMedianApe": statistics.median(rate),
        "meanApe": statistics.fmean(costtop), "runRateMeanApe": statistics.fmean(rate),
        "coverage": sum(inside) / len(inside) * 100, "wins": wins / len(records) * 100,
    }
    print(f"{title:<34} {len(records):>5}  {summary['medianApe']:>7.2f}%  {summary['runRateMedianApe']:>7.2f}%  "
          f"{summary['meanApe']:>7.2f}%  {summary['runRateMeanApe']:>7.2f}%  {summary['coverage']:>6.1f}%  {summary['wins']:>5.1f}%")
    return summary


def main():
    global JOBS
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", default="1,2,3,4")
    parser.add_argument("--days", type=int, default=152, help="days of each generated bill (152: January to May 2024)")
    parser.add_argument("--rows", type=int, default=60_000)
    parser.add_argument("--anomalies", type=int, default=12)
    parser.add_argument("--level", type=int, default=80)
    parser.add_argument("--build", default="release")
    parser.add_argument("--no-build", action="store_true", help="use the binaries already built")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-bias-correction", action="store_true", help="measure the forecast without its bias correction")
    parser.add_argument("--json", help="also write every record to this file")
    args = parser.parse_args()
    JOBS = args.jobs
    if not args.no_build:
        subprocess.check_call(["swift", "build", "-c", args.build, "--product", "costtop"], cwd=ROOT, stdout=subprocess.DEVNULL)
        subprocess.check_call(["swift", "build", "-c", args.build, "--product", "costtop-samplegen"], cwd=ROOT,
                              stdout=subprocess.DEVNULL)
    build = os.path.join(ROOT, ".build", args.build)
    costtop = os.path.join(build, "costtop")
    extra = ["--no-bias-correction"] if args.no_bias_correction else []
    work = tempfile.mkdtemp(prefix="costtop-forecast-eval-")
    records, reconciled = [], []
    for seed in [int(s) for s in args.seeds.split(",") if s]:
        folder, cache = os.path.join(work, f"seed{seed}"), os.path.join(work, f"seed{seed}.ctc")
        run(os.path.join(build, "costtop-samplegen"), "--out", folder, "--seed", str(seed), "--rows", str(args.rows),
            "--days", str(args.days), "--start", "2024-01-01", "--format", "cur", "--no-gzip",
            "--anomalies", str(args.anomalies), "--labels", os.path.join(work, f"labels{seed}.csv"))
        run(costtop, "ingest", "--quiet", "--fresh", "--cache", cache, folder)
        difference = reconcile_months(costtop, cache, folder)
        reconciled.append(difference)
        if difference > 1:
            print(f"seed {seed}: month totals differ from the independent sum by {difference} cents", file=sys.stderr)
        records += evaluate_cache(costtop, cache, f"generated seed {seed}", args.level, extra)
    skipped = []
    for sample in PUBLIC:
        path = os.path.join(SAMPLES, sample)
        if not os.path.isdir(path):
            continue
        cache = os.path.join(work, sample + ".ctc")
        try:
            run(costtop, "ingest", "--quiet", "--fresh", "--allow-empty", "--keep-going", "--rejects",
                os.path.join(work, sample + ".rej"), "--cache", cache, path)
        except subprocess.CalledProcessError as error:
            skipped.append(f"{sample} (ingest failed: {error.stderr.strip()[:120]})")
            continue
        first, last, _ = month_totals(costtop, cache)
        if not complete_months(first, last):
            skipped.append(f"{sample} ({first}..{last}: no complete month)")
            continue
        found = evaluate_cache(costtop, cache, "public " + sample, args.level, extra)
        if not found:
            skipped.append(f"{sample} ({first}..{last}: no complete month with cost in its main currency)")
        records += found

    generated = [r for r in records if r["bill"].startswith("generated")]
    public = [r for r in records if r["bill"].startswith("public")]
    print(f"level {args.level}%{' (no bias correction)' if extra else ''}; APE = |forecast - actual| / actual")
    print(f"{'':<34} {'cuts':>5}  {'median APE':>8}  {'run-rate':>8}  {'mean APE':>8}  {'run-rate':>8}  {'cover':>7}  {'wins':>6}")
    results = {
        "generated, day 15": summarize([r for r in generated if r["cut"] == 15], "generated, day 15"),
        "generated, every cut": summarize(generated, "generated, every cut"),
        "generated, days 1-7": summarize([r for r in generated if r["cut"] <= 7], "generated, days 1-7"),
        "generated, days 8-14": summarize([r for r in generated if 8 <= r["cut"] <= 14], "generated, days 8-14"),
        "generated, days 15-21": summarize([r for r in generated if 15 <= r["cut"] <= 21], "generated, days 15-21"),
        "generated, days 22-end": summarize([r for r in generated if r["cut"] >= 22], "generated, days 22-end"),
        "generated, short history (<28 d)": summarize([r for r in generated if r["history"] < 28],
                                                      "generated, short history (<28 d)"),
        "generated, history >= 56 d": summarize([r for r in generated if r["history"] >= 56], "generated, history >= 56 d"),
        "public, day 15": summarize([r for r in public if r["cut"] == 15], "public, day 15"),
        "public, every cut": summarize(public, "public, every cut"),
    }
    nxt = [r for r in generated if r["nextActual"]]
    if nxt:
        n_ape = [ape(r["nextForecast"], r["nextActual"]) for r in nxt]
        # The baseline for next month: this month's run rate over the next month's days.
        base = [ape(r["runRate"] / r["length"] * calendar.monthrange(int(r["month"][:4]) + (r["month"][5:] == "12"),
                                                                      int(r["month"][5:]) % 12 + 1)[1], r["nextActual"]) for r in nxt]
        cover = sum(r["nextLower"] <= r["nextActual"] <= r["nextUpper"] for r in nxt) / len(nxt) * 100
        print(f"{'generated, next month':<34} {len(nxt):>5}  {statistics.median(n_ape):>7.2f}%  {statistics.median(base):>7.2f}%  "
              f"{statistics.fmean(n_ape):>7.2f}%  {statistics.fmean(base):>7.2f}%  {cover:>6.1f}%")
        results["generated, next month"] = {"cuts": len(nxt), "medianApe": statistics.median(n_ape),
                                            "runRateMedianApe": statistics.median(base), "coverage": cover}
    for line in skipped:
        print("skipped: " + line)
    if reconciled:
        print(f"actual month totals of {len(reconciled)} generated bills against scripts/reconcile.py (Decimal): "
              f"largest difference {max(reconciled)} cents")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"summary": results, "records": records}, handle, indent=1)
    return 0


JOBS = 2
if __name__ == "__main__":
    sys.exit(main())
