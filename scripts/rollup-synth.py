#!/usr/bin/env python3
"""Writes a synthetic FOCUS 1.2 daily roll-up (docs/rollup.md's interchange) of about ROWS rows as
Parquet with DuckDB, then times `costtop ingest --fresh` of it against DuckDB loading the same file
into a table, side by side in one run (docs/scale.md, "A real roll-up file").

The shape follows `costtop-bench generate` (Sources/costtop-bench/RollupGenerator.swift): 2,000
accounts under 20 payers (skewed: a few large ones, a long tail), 300 services, 70 usage types per
service, 20 regions, two tag keys (team, env), 397 days; one series (account, service, usage type,
region, tags) recurs every day with a cost that varies by day. It is written by DuckDB, not by
costtop, so the ingest reads a file of another writer, as it would read Athena's or Spark's.

Usage: scripts/rollup-synth.py ROWS FOLDER [--runs 3] [--no-ingest] [--monthly]

--monthly writes one file per month, `month=YYYY-MM/part-0.parquet`, as a warehouse's partitioned
export does (and as DuckDB can sort 100M rows on this machine: one sort of them all needs more
than its 24 GB).
"""
import argparse, datetime, os, shutil, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV_PYTHON = os.path.join(ROOT, "bench-data", "venv", "bin", "python")

WRITE = r"""
import duckdb, sys
rows, target = int(sys.argv[1]), sys.argv[2]
days = 397
first, last = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (0, days)
series = max(1, rows // days)
con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'"); con.execute("SET enable_progress_bar = false")
# Spill beside the output, not into `.tmp/` of the folder the script runs from (the repository).
con.execute(f"SET temp_directory = '{target}.spill'")
con.execute(f'''
COPY (
  WITH s AS (
    SELECT i,
           (hash(i) % 1000000) / 1000000.0 AS u1,
           (hash(i + 7777777) % 1000000) / 1000000.0 AS u2,
           (hash(i + 15555555) % 1000000) / 1000000.0 AS u3,
           (hash(i + 23333333) % 1000000) / 1000000.0 AS u4
    FROM range({series}) t(i)
  ), shaped AS (
    SELECT i,
           CAST(floor(2000 * pow(u1, 3)) AS INTEGER) AS account,
           CAST(floor(300 * pow(u2, 2)) AS INTEGER) AS service,
           CAST(floor(70 * u3) AS INTEGER) AS usage,
           CAST(floor(20 * u4) AS INTEGER) AS region,
           CAST(hash(i + 31111111) % 50 AS INTEGER) AS team,
           CAST(hash(i + 38888888) % 4 AS INTEGER) AS env,
           0.05 + 40 * pow((hash(i + 46666666) % 1000000) / 1000000.0, 4) AS base
    FROM s
  )
  SELECT DATE '2024-01-01' + CAST(d AS INTEGER) AS ChargePeriodStart,
         DATE '2024-01-01' + CAST(d AS INTEGER) + 1 AS ChargePeriodEnd,
         'USD' AS BillingCurrency,
         'AWS' AS ServiceProviderName,
         lpad(CAST(100000000000 + (account % 20) * 7919 AS VARCHAR), 12, '0') AS BillingAccountId,
         'Payer ' || CAST(account % 20 AS VARCHAR) AS BillingAccountName,
         lpad(CAST(200000000000 + account * 104729 AS VARCHAR), 12, '0') AS SubAccountId,
         'Account ' || CAST(account AS VARCHAR) AS SubAccountName,
         'Service' || lpad(CAST(service AS VARCHAR), 3, '0') AS ServiceName,
         'S' || CAST(service AS VARCHAR) || '-Usage' || CAST(usage AS VARCHAR) AS x_UsageType,
         'region-' || CAST(region AS VARCHAR) AS RegionId,
         'Usage' AS ChargeCategory,
         'Standard' AS PricingCategory,
         CAST(NULL AS VARCHAR) AS CommitmentDiscountId,
         CAST(NULL AS VARCHAR) AS CommitmentDiscountType,
         CAST(NULL AS VARCHAR) AS CommitmentDiscountStatus,
         CAST(NULL AS VARCHAR) AS CommitmentDiscountName,
         '{{"env":"' || ['prod','staging','dev','test'][env + 1] || '","team":"team-' || CAST(team AS VARCHAR) || '"}}' AS Tags,
         CAST(round(base * (0.8 + 0.4 * ((hash(i * 397 + d) % 1000) / 1000.0)), 9) AS DECIMAL(38, 9)) AS BilledCost,
         CAST(round(base * (0.8 + 0.4 * ((hash(i * 397 + d) % 1000) / 1000.0)), 9) AS DECIMAL(38, 9)) AS EffectiveCost,
         CAST(round(base * 1.1, 9) AS DECIMAL(38, 9)) AS ListCost,
         CAST(round(base * 10, 3) AS DECIMAL(38, 3)) AS ConsumedQuantity,
         CAST(0 AS DECIMAL(38, 9)) AS x_CommitmentUsed,
         CAST(0 AS DECIMAL(38, 9)) AS x_CommitmentTotal,
         CAST(0 AS DECIMAL(38, 9)) AS x_CoveredOnDemandCost,
         CAST(24 AS BIGINT) AS x_LineItems
  FROM shaped, range({first}, {last}) r(d)
  ORDER BY ChargePeriodStart
) TO '{target}' (FORMAT PARQUET, COMPRESSION SNAPPY, ROW_GROUP_SIZE 131072)
''')
print(series * (last - first))
"""

# DuckDB loads the file into a table of a database file (as costtop writes its cache to disk).
LOAD = r"""
import duckdb, os, sys
database = sys.argv[2]
for leftover in (database, database + ".wal"):
    if os.path.exists(leftover): os.remove(leftover)
con = duckdb.connect(database)
con.execute("SET TimeZone = 'UTC'"); con.execute("SET enable_progress_bar = false")
con.execute(f"CREATE TABLE rollup AS SELECT * FROM read_parquet('{sys.argv[1]}')")  # a file or a glob
con.execute("CHECKPOINT")
print(con.execute("SELECT count(*) FROM rollup").fetchone()[0])
con.close()
"""


def measured(command):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    return time.perf_counter() - start, result.stdout


def timed_rss(command):
    """Wall time and peak RSS (MiB) through GNU time."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    return elapsed, int(result.stderr.strip().splitlines()[-1]) / 1024, result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int)
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-ingest", action="store_true")
    parser.add_argument("--monthly", action="store_true", help="one file per month (month=YYYY-MM/part-0.parquet)")
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    python = VENV_PYTHON if os.path.exists(VENV_PYTHON) else sys.executable
    if args.monthly:
        # Day offsets of each month's first day from 2024-01-01, for the 13 months of 397 days.
        start = datetime.date(2024, 1, 1)
        firsts = [(datetime.date(2024 + (m // 12), m % 12 + 1, 1) - start).days for m in range(14)]
        parts = [(os.path.join(args.folder, f"month={2024 + m // 12}-{m % 12 + 1:02d}", "part-0.parquet"),
                  firsts[m], min(firsts[m + 1], 397)) for m in range(13)]
        target = os.path.join(args.folder, "month=*", "*.parquet")
    else:
        parts = [(os.path.join(args.folder, "rollup.parquet"), 0, 397)]
        target = parts[0][0]
    for path, first, last in parts:
        if os.path.exists(path):
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        seconds, out = measured([python, "-c", WRITE, str(args.rows), path, str(first), str(last)])
        shutil.rmtree(path + ".spill", ignore_errors=True)
        print(f"wrote {int(out.split()[-1]):,} rows, {os.path.getsize(path) / 1e6:,.1f} MB in {seconds:.1f} s: {path}")
    if args.no_ingest:
        return
    costtop = os.path.join(ROOT, ".build", "release", "costtop")
    cache = os.path.join(args.folder, "rollup.ctc")
    ours, duck = [], []
    for _ in range(args.runs):
        ours.append(timed_rss([costtop, "ingest", "--fresh", "--cache", cache, args.folder])[:2])
        duck.append(timed_rss([python, "-c", LOAD, target, os.path.join(args.folder, "rollup.duckdb")])[:2])
    ours.sort()
    duck.sort()
    o, d = ours[len(ours) // 2], duck[len(duck) // 2]
    print(f"| costtop ingest --fresh | {o[0]:.2f} s | {o[1]:,.0f} MiB | cache {os.path.getsize(cache) / 1e6:,.1f} MB |")
    print(f"| DuckDB CREATE TABLE AS read_parquet (database file) | {d[0]:.2f} s | {d[1]:,.0f} MiB | "
          f"database {os.path.getsize(os.path.join(args.folder, 'rollup.duckdb')) / 1e6:,.1f} MB |")
    print(f"| ratio | {d[0] / o[0]:.2f}× DuckDB's throughput | {o[1] / d[1]:.2f}× DuckDB's RSS | |")


if __name__ == "__main__":
    main()
