#!/usr/bin/env python3
"""Runs a roll-up SELECT printed by `costtop sql` on a real engine over raw export files, and
writes the result as Parquet, the way a warehouse user would (docs/rollup.md). Used by the tests
(Tests/EndToEndTests/RollupSQLTests.swift): ingesting the output must give the same query results,
to the cent, as ingesting the raw files.

The raw files are first loaded into a table shaped like the warehouse's, with DuckDB:
  cur    legacy CUR CSV -> Athena's CUR table: snake_case names, TIMESTAMP dates, DOUBLE amounts,
         resource_tags_user_<key> columns, text partitions year='2024' and month='7'
  cur2   legacy CUR CSV -> CUR 2.0 (Data Exports): the same, with the resource_tags and cost_category
         maps (keys user_<key>), billing_period='2024-07', account-name columns
  focus  FOCUS CSV -> FOCUS table: TIMESTAMP periods, DOUBLE amounts, NULL tokens as nulls
  gcp    Google Cloud billing export Parquet (scripts/gcp-samplegen.py), BigQuery's nested shape, as is
  azure  Azure cost and usage details CSV: amounts as DOUBLE; an older EA file's Cost and
         BillingCurrency also as CostInBillingCurrency and BillingCurrencyCode (docs/rollup.md)
That table is written to Parquet, which the engine reads as a view named like `--table`.

Usage: scripts/rollup-run.py --engine duckdb|spark --source cur|cur2|focus|gcp|azure --sql FILE --out DIR RAW...
       scripts/rollup-run.py --engine duckdb|spark --plan PLAN.json
A plan is a JSON list of jobs ({"source", "table", "sql", "out", "raw": [...]}), run in one session:
Spark's start (half a minute here) is paid once. Spark runs in local mode (local[2], session time
zone UTC) with the machine's Java.
"""
import json
import argparse, os, re, sys, tempfile, time

import duckdb


def snake(name):
    """Athena's spelling of a legacy CUR column: `lineItem/UnblendedCost` -> `line_item_unblended_cost`."""
    text = re.sub(r"([A-Z])", r"_\1", name).lower()
    text = re.sub(r"[^a-z0-9]+", "_", text)
    return re.sub(r"_+", "_", text).strip("_")


AMOUNT = re.compile(r"(Cost|Amount|Rate|Fee|Commitment|Quantity|Units|Hours|ToDate)$")


def quote(name):
    return '"' + name.replace('"', '""') + '"'


def cur_select(columns, cur2):
    """The SELECT list turning raw legacy CUR text columns into Athena's CUR (or CUR 2.0) table."""
    items, tags = [], []
    for name in columns:
        if name.startswith("resourceTags/user:"):
            key = name[len("resourceTags/user:"):]
            tags.append((key, name))
            if not cur2:
                items.append(f"{quote(name)} AS {quote('resource_tags_user_' + snake(key))}")
            continue
        target = snake(name)
        if name.endswith(("StartDate", "EndDate")):
            items.append(f"CAST(replace({quote(name)}, 'Z', '') AS TIMESTAMP) AS {target}")
        elif AMOUNT.search(name.split("/")[-1]):
            items.append(f"CAST({quote(name)} AS DOUBLE) AS {target}")
        else:
            items.append(f"{quote(name)} AS {target}")
    period = "CAST(replace(\"bill/BillingPeriodStartDate\", 'Z', '') AS TIMESTAMP)"
    if cur2:
        entries = ", ".join(f"{{'key': 'user_{key}', 'value': {quote(name)}}}" for key, name in tags)
        items.append(f"map_from_entries(list_filter([{entries}], lambda e: e.value IS NOT NULL)) AS resource_tags")
        items.append("map_from_entries([]::STRUCT(key VARCHAR, value VARCHAR)[]) AS cost_category")
        items.append("CAST(NULL AS VARCHAR) AS bill_payer_account_name")
        items.append("CAST(NULL AS VARCHAR) AS line_item_usage_account_name")
        items.append(f"strftime({period}, '%Y-%m') AS billing_period")
    else:
        items.append(f"strftime({period}, '%Y') AS year")
        items.append(f"CAST(month({period}) AS VARCHAR) AS month")
    return ",\n  ".join(items)


def focus_select(columns):
    items = []
    for name in columns:
        if name in ("ChargePeriodStart", "ChargePeriodEnd", "BillingPeriodStart", "BillingPeriodEnd"):
            items.append(f"CAST(replace({quote(name)}, 'Z', '') AS TIMESTAMP) AS {quote(name)}")
        elif name.endswith(("Cost", "Quantity")):
            items.append(f"CAST({quote(name)} AS DOUBLE) AS {quote(name)}")
        else:
            items.append(quote(name))
    return ",\n  ".join(items)


AZURE_AMOUNTS = {"quantity", "effectiveprice", "cost", "costinbillingcurrency", "unitprice", "paygprice",
                 "paygcostinbillingcurrency", "exchangeratepricingtobilling"}


def azure_select(columns):
    items = []
    for name in columns:
        if name.lower() in AZURE_AMOUNTS:
            items.append(f"CAST({quote(name)} AS DOUBLE) AS {quote(name)}")
        else:
            items.append(quote(name))
    lower = {name.lower(): name for name in columns}
    # The view docs/rollup.md suggests for EA files of the older schema.
    if "costinbillingcurrency" not in lower and "cost" in lower:
        items.append(f"CAST({quote(lower['cost'])} AS DOUBLE) AS CostInBillingCurrency")
    if "billingcurrencycode" not in lower and "billingcurrency" in lower:
        items.append(f"{quote(lower['billingcurrency'])} AS BillingCurrencyCode")
    return ",\n  ".join(items)


def load_raw(source, files, target):
    """Writes the raw files as one Parquet file shaped like the warehouse's table."""
    con = duckdb.connect()
    listing = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"
    if source == "gcp":
        con.execute(f"COPY (SELECT * FROM read_parquet({listing})) TO '{target}' (FORMAT PARQUET)")
        return
    nulls = "['', 'NULL', 'null']" if source == "focus" else "['']"
    con.execute(f"CREATE VIEW raw AS SELECT * FROM read_csv({listing}, all_varchar = true, header = true, "
                f"nullstr = {nulls}, union_by_name = true)")
    columns = [row[0] for row in con.execute("DESCRIBE raw").fetchall()]
    if source == "focus":
        select = focus_select(columns)
    elif source == "azure":
        select = azure_select(columns)
    else:
        select = cur_select(columns, source == "cur2")
    con.execute(f"COPY (SELECT\n  {select}\nFROM raw) TO '{target}' (FORMAT PARQUET)")


def run_duckdb(jobs):
    for job in jobs:
        con = duckdb.connect()
        con.execute("SET TimeZone = 'UTC'")
        con.execute(f"CREATE VIEW {job['table']} AS SELECT * FROM read_parquet('{job['loaded']}')")
        con.execute(f"COPY ({job['select']}) TO '{os.path.join(job['out'], 'rollup.parquet')}' (FORMAT PARQUET)")


def run_spark(jobs):
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        sys.exit("pyspark is missing: python3 -m pip install pyspark (scripts/setup.sh does)")
    spark = (SparkSession.builder.master("local[2]").appName("costtop-rollup")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.sql.shuffle.partitions", "2")
             .config("spark.ui.enabled", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    for job in jobs:
        spark.read.parquet(job["loaded"]).createOrReplaceTempView(job["table"])
        spark.sql(job["select"]).write.mode("overwrite").parquet(job["out"])
    spark.stop()


def select_of(path):
    """The SELECT of a file `costtop sql` wrote, without comments or a trailing semicolon (it goes
    inside COPY (...))."""
    text = "\n".join(line for line in open(path).read().splitlines() if not line.startswith("--"))
    return text.strip().rstrip(";")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["duckdb", "spark"], required=True)
    parser.add_argument("--plan", help="a JSON list of jobs, instead of --source/--sql/--out/RAW")
    parser.add_argument("--source", choices=["cur", "cur2", "focus", "gcp", "azure"])
    parser.add_argument("--table", default=None, help="the view name the SQL reads (default: the source)")
    parser.add_argument("--sql", help="the output of costtop sql")
    parser.add_argument("--out", help="folder for the roll-up Parquet file(s)")
    parser.add_argument("raw", nargs="*")
    args = parser.parse_args()
    if args.plan:
        jobs = json.load(open(args.plan))
    elif args.source and args.sql and args.out and args.raw:
        jobs = [{"source": args.source, "table": args.table, "sql": args.sql, "out": args.out, "raw": args.raw}]
    else:
        parser.error("give --plan, or --source, --sql, --out and the raw files")
    started = time.time()
    with tempfile.TemporaryDirectory() as scratch:
        for number, job in enumerate(jobs):
            job["table"] = job.get("table") or job["source"]
            job["select"] = select_of(job["sql"])
            job["loaded"] = os.path.join(scratch, f"raw-{number}.parquet")
            load_raw(job["source"], job["raw"], job["loaded"])
            os.makedirs(job["out"], exist_ok=True)
        (run_duckdb if args.engine == "duckdb" else run_spark)(jobs)
    print(f"{args.engine}: {len(jobs)} roll-up(s) in {time.time() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
