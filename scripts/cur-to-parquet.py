#!/usr/bin/env python3
"""Writes a legacy AWS CUR CSV export as a CUR 2.0 (Data Exports) Parquet file, the way AWS does:
snake_case column names, TIMESTAMP columns for dates, DOUBLE for amounts and quantities, and the
`resource_tags` map (keys `user_<tag>`). Used by the tests (the same bill as CSV and as Parquet
must give identical answers) and by scripts/bench.py.

Usage: scripts/cur-to-parquet.py IN.csv[.gz] OUT.parquet [--codec snappy|zstd|gzip|lz4|none]
       [--row-group ROWS] [--no-dictionary] [--data-page-version 1.0|2.0]
"""
import argparse, csv, gzip, os, re

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

AMOUNT = re.compile(r"(Cost|Amount|Rate|Fee|Commitment|Quantity|Units|Hours|ToDate)")


def snake(name):
    """CUR 2.0 spelling of a legacy column: `lineItem/UnblendedCost` -> `line_item_unblended_cost`."""
    text = re.sub(r"([A-Z])", r"_\1", name).lower()
    text = re.sub(r"[^a-z0-9]+", "_", text)
    return re.sub(r"_+", "_", text).strip("_")


def convert(source, target, codec, row_group, dictionary, page_version):
    # Read everything as text, so nothing is guessed: then type what AWS types.
    opener = gzip.open if source.endswith(".gz") else open
    with opener(source, "rt", newline="") as handle:
        header = next(csv.reader(handle))
    table = pacsv.read_csv(source, convert_options=pacsv.ConvertOptions(
        column_types={name: pa.string() for name in header}, strings_can_be_null=True),
        read_options=pacsv.ReadOptions(block_size=1 << 26))
    columns, names, tag_keys, tag_columns = [], [], [], []
    for name in table.column_names:
        values = table[name]
        if name.startswith("resourceTags/"):
            key = name[len("resourceTags/"):].replace("user:", "user_")
            tag_keys.append(key)
            tag_columns.append(values)
            continue
        new = snake(name)
        if name.endswith(("StartDate", "EndDate")) and "/" in name:
            values = pc.cast(pc.strptime(pc.replace_substring_regex(values, r"\.\d+Z$|Z$", ""), format="%Y-%m-%dT%H:%M:%S", unit="ms"),
                             pa.timestamp("ms", tz="UTC"))
        elif AMOUNT.search(name.split("/")[-1]) and not name.endswith(("ARN", "Id", "Type", "Unit", "Code")):
            try:
                values = pc.cast(values, pa.float64())
            except pa.ArrowInvalid:
                pass  # a text column whose name looks like an amount's: keep it as text
        columns.append(values)
        names.append(new)
    # resource_tags: MAP<string, string>, only the tags a line item has.
    rows = table.num_rows
    keys, items, offsets = [], [], [0]
    tag_lists = [column.to_pylist() for column in tag_columns]
    for row in range(rows):
        for key, values in zip(tag_keys, tag_lists):
            value = values[row]
            if value:
                keys.append(key)
                items.append(value)
        offsets.append(len(keys))
    tags = pa.MapArray.from_arrays(pa.array(offsets, pa.int32()), pa.array(keys, pa.string()), pa.array(items, pa.string()))
    columns.append(tags)
    names.append("resource_tags")
    out = pa.Table.from_arrays(columns, names=names)
    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
    pq.write_table(out, target, compression=codec, row_group_size=row_group, use_dictionary=dictionary,
                   data_page_version=page_version)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--codec", default="snappy")
    parser.add_argument("--row-group", type=int, default=128 * 1024)
    parser.add_argument("--no-dictionary", action="store_true")
    parser.add_argument("--data-page-version", default="1.0")
    args = parser.parse_args()
    convert(args.source, args.target, args.codec, args.row_group, not args.no_dictionary, args.data_page_version)


if __name__ == "__main__":
    main()
