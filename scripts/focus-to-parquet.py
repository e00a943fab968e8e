#!/usr/bin/env python3
"""Writes FOCUS CSV exports as Parquet the way FOCUS Parquet exports type them: DECIMAL(38,18)
costs and quantities, TIMESTAMP (UTC) periods, a MAP<string,string> `Tags`, nulls for `NULL`.
Used by the tests (the same bill as CSV and Parquet must answer alike) and by benchmarks.

Usage: scripts/focus-to-parquet.py OUT_FOLDER IN.csv[.gz]... [--codec snappy] [--row-group ROWS]
"""
import argparse, csv, datetime, gzip, json, os
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq

DECIMALS = ("Cost", "Quantity", "Price")
NULLS = {"", "NULL", "null"}


def timestamp(text):
    text = text.strip().replace("T", " ").rstrip("Z")
    if "." in text:
        text = text.split(".")[0]
    if len(text) == 10:
        text += " 00:00:00"
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=datetime.timezone.utc)


def convert(source, target, codec, row_group):
    opener = gzip.open if source.endswith(".gz") else open
    with opener(source, "rt", newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [row for row in reader if any(cell.strip() for cell in row)]
    arrays = []
    for index, name in enumerate(header):
        values = [None if row[index] in NULLS else row[index] for row in rows]
        if name.endswith(DECIMALS) and not name.endswith("Unit"):
            arrays.append(pa.array([None if v is None else Decimal(v) for v in values], pa.decimal128(38, 18)))
        elif name.endswith(("PeriodStart", "PeriodEnd")):
            arrays.append(pa.array([None if v is None else timestamp(v) for v in values], pa.timestamp("us", tz="UTC")))
        elif name == "Tags":
            arrays.append(pa.array([None if v is None else list(json.loads(v).items()) for v in values],
                                   pa.map_(pa.string(), pa.string())))
        else:
            arrays.append(pa.array(values, pa.string()))
    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
    pq.write_table(pa.Table.from_arrays(arrays, names=header), target, compression=codec, row_group_size=row_group)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("sources", nargs="+")
    parser.add_argument("--codec", default="snappy")
    parser.add_argument("--row-group", type=int, default=4000)
    args = parser.parse_args()
    for index, source in enumerate(args.sources):
        convert(source, os.path.join(args.folder, f"focus-{index:03d}.parquet"), args.codec, args.row_group)


if __name__ == "__main__":
    main()
