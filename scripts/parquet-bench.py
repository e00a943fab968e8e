#!/usr/bin/env python3
"""Decode throughput of the Parquet decoder on a CUR-like file (not part of the test suite).

Writes bench-data/cur-like-1m-{snappy,zstd}.parquet (1M rows, 30 columns: ids, strings with CUR-like
repetition, decimals, doubles, timestamps, a MAP<string,string> of tags) with pyarrow once, then runs
`parquet-tool bench` (release build: every column, row groups on all cores) and, for reference,
pyarrow's own read of the same file.

  scripts/parquet-bench.py [ROWS]
"""
import decimal
import os
import random
import subprocess
import sys
import time

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def table(rows):
    rng = random.Random(7)
    accounts = ["%012d" % rng.randrange(10**12) for _ in range(40)]
    services = ["AmazonEC2", "AmazonS3", "AWSLambda", "AmazonRDS", "AmazonCloudFront", "AmazonDynamoDB", "AWSDataTransfer"]
    usage_types = ["USE1-BoxUsage:m5.large", "USE1-TimedStorage-ByteHrs", "USE1-Requests-Tier1", "USE2-DataTransfer-Out-Bytes"] * 5
    regions = ["us-east-1", "us-east-2", "eu-west-1", "ap-southeast-2"]
    resources = ["arn:aws:ec2:us-east-1:%s:instance/i-%017x" % (rng.choice(accounts), rng.getrandbits(68)) for _ in range(20000)]
    hour = 3600 * 10**6
    start = 1725148800 * 10**6
    columns = {
        "identity_line_item_id": pa.array(["%032x" % rng.getrandbits(128) for _ in range(rows)]),
        "identity_time_interval": pa.array(["2024-09-01T00:00:00Z/2024-10-01T00:00:00Z"] * rows),
        "bill_payer_account_id": pa.array([accounts[0]] * rows),
        "line_item_usage_account_id": pa.array([rng.choice(accounts) for _ in range(rows)]),
        "line_item_line_item_type": pa.array([rng.choice(["Usage", "Usage", "Usage", "Tax", "SavingsPlanCoveredUsage"]) for _ in range(rows)]),
        "line_item_usage_start_date": pa.array([start + rng.randrange(720) * hour for _ in range(rows)], pa.timestamp("us", tz="UTC")),
        "line_item_usage_end_date": pa.array([start + rng.randrange(1, 721) * hour for _ in range(rows)], pa.timestamp("us", tz="UTC")),
        "line_item_product_code": pa.array([rng.choice(services) for _ in range(rows)]),
        "line_item_usage_type": pa.array([rng.choice(usage_types) for _ in range(rows)]),
        "line_item_operation": pa.array([rng.choice(["RunInstances", "PutObject", "Invoke", "GetObject"]) for _ in range(rows)]),
        "line_item_availability_zone": pa.array([rng.choice(["us-east-1a", "us-east-1b", None]) for _ in range(rows)]),
        "line_item_resource_id": pa.array([rng.choice(resources) if rng.random() < 0.8 else None for _ in range(rows)]),
        "line_item_usage_amount": pa.array([rng.random() * 100 for _ in range(rows)]),
        "line_item_unblended_rate": pa.array([rng.choice([0.096, 0.023, 0.0000002, 0.09]) for _ in range(rows)]),
        "line_item_unblended_cost": pa.array([rng.random() * 10 for _ in range(rows)]),
        "line_item_net_unblended_cost": pa.array([rng.random() * 10 for _ in range(rows)]),
        "line_item_blended_cost": pa.array([rng.random() * 10 for _ in range(rows)]),
        "line_item_currency_code": pa.array(["USD"] * rows),
        "line_item_line_item_description": pa.array([rng.choice(["$0.096 per On Demand Linux m5.large Instance Hour", "$0.023 per GB-month", "Tax for product code AmazonEC2"]) for _ in range(rows)]),
        "pricing_public_on_demand_cost": pa.array([rng.random() * 12 for _ in range(rows)]),
        "pricing_unit": pa.array([rng.choice(["Hrs", "GB-Mo", "Requests"]) for _ in range(rows)]),
        "pricing_term": pa.array([rng.choice(["OnDemand", "Reserved", None]) for _ in range(rows)]),
        "product_region_code": pa.array([rng.choice(regions) for _ in range(rows)]),
        "product_instance_type": pa.array([rng.choice(["m5.large", "t3.micro", None, None]) for _ in range(rows)]),
        "savings_plan_savings_plan_effective_cost": pa.array([rng.random() if rng.random() < 0.2 else 0.0 for _ in range(rows)]),
        "reservation_effective_cost": pa.array([0.0] * rows),
        "cost_exact": pa.array([decimal.Decimal(rng.randrange(10**12)).scaleb(-10) for _ in range(rows)], pa.decimal128(18, 10)),
        "bill_billing_period_start_date": pa.array([start] * rows, pa.timestamp("us", tz="UTC")),
        "line_item_normalization_factor": pa.array([rng.choice([1.0, 4.0, 0.5]) for _ in range(rows)], pa.float32()),
        "resource_tags": pa.array([[("user:team", rng.choice(["a", "b", "c"])), ("user:env", rng.choice(["prod", "dev"]))] if rng.random() < 0.7 else [] for _ in range(rows)],
                                  pa.map_(pa.string(), pa.string())),
    }
    return pa.table(columns)


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    data = os.path.join(ROOT, "bench-data")
    os.makedirs(data, exist_ok=True)
    paths = {codec: os.path.join(data, "cur-like-%d-%s.parquet" % (rows, codec)) for codec in ["snappy", "zstd"]}
    if not all(os.path.exists(p) for p in paths.values()):
        source = table(rows)
        for codec, path in paths.items():
            pq.write_table(source, path, compression=codec, row_group_size=128 * 1024)
    subprocess.run(["swift", "build", "-c", "release", "--product", "parquet-tool"], cwd=ROOT, check=True, capture_output=True)
    tool = os.path.join(ROOT, ".build", "release", "parquet-tool")
    for codec, path in paths.items():
        result = subprocess.run([tool, "bench", path, "5"], check=True, capture_output=True, text=True)
        best = float("inf")
        for _ in range(3):
            began = time.perf_counter()
            pq.read_table(path)
            best = min(best, time.perf_counter() - began)
        print("%-6s %5.1f MB  costtop Parquet: %s  |  pyarrow read_table: %.3f s, %.0f rows/s"
              % (codec, os.path.getsize(path) / 1e6, result.stdout.strip(), best, rows / best))


if __name__ == "__main__":
    main()
