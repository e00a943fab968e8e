#!/usr/bin/env python3
"""Parquet files and their expected values for the decoder's tests (Tests/ParquetTests).

  parquet_fixtures.py expect OUT_DIR FILE...   pyarrow's reading of each FILE -> OUT_DIR/<name>.json
  parquet_fixtures.py generate OUT_DIR         files written by pyarrow and DuckDB, each with <name>.json

The JSON holds, per leaf column in Parquet order, per top-level row, the non-null leaf values of that
row in a canonical text form both sides can produce exactly:
  every value is a JSON string: "i:<integer>"; "true"/"false"; "s:<text>"; other bytes "b:<hex>";
  floats "f:<hex of the IEEE double>" or "nan"; decimals "d:<unscaled integer>";
  timestamps "t:<microseconds since 1970, floored>"; dates "D:<days since 1970>"; "skip" for types
  the decoder does not interpret (float16, time, intervals).
Expected values of generated files come from the data as written (the Arrow table handed to the
writer, or DuckDB's own query result), not from reading the file back.
"""
import decimal
import json
import math
import os
import struct
import sys

import pyarrow as pa
import pyarrow.parquet as pq


def scalar(value, typ):
    if value is None:
        return None
    if pa.types.is_timestamp(typ):
        per_micro = {"s": None, "ms": None, "us": 1, "ns": 1000}[typ.unit]
        if typ.unit == "s":
            return "t:%d" % (value * 1_000_000)
        if typ.unit == "ms":
            return "t:%d" % (value * 1000)
        return "t:%d" % (value // per_micro)
    if pa.types.is_date32(typ):
        return "D:%d" % value
    if pa.types.is_date64(typ):
        return "D:%d" % (value // 86_400_000)
    if pa.types.is_decimal(typ):
        return "d:%d" % int(value.scaleb(typ.scale))
    if pa.types.is_boolean(typ):
        return "true" if value else "false"
    if pa.types.is_integer(typ):
        return "i:%d" % value
    if pa.types.is_float16(typ) or pa.types.is_time(typ) or pa.types.is_interval(typ) or pa.types.is_duration(typ):
        return "skip"
    if pa.types.is_floating(typ):
        return "nan" if math.isnan(value) else "f:" + struct.pack(">d", value).hex()
    if pa.types.is_string(typ) or pa.types.is_large_string(typ) or pa.types.is_string_view(typ):
        return "s:" + value
    if pa.types.is_binary(typ) or pa.types.is_large_binary(typ) or pa.types.is_fixed_size_binary(typ) or pa.types.is_binary_view(typ):
        return "b:" + bytes(value).hex()
    if pa.types.is_dictionary(typ):
        return scalar(value, typ.value_type)
    return "skip"


def leaf_count(typ):
    if pa.types.is_struct(typ):
        return sum(leaf_count(typ.field(i).type) for i in range(typ.num_fields))
    if pa.types.is_map(typ):
        return leaf_count(typ.key_type) + leaf_count(typ.item_type)
    if pa.types.is_list(typ) or pa.types.is_large_list(typ) or pa.types.is_fixed_size_list(typ):
        return leaf_count(typ.value_type)
    return 1


def leaves(value, typ):
    """The non-null leaf values under one value, one list per leaf, in Parquet's leaf order."""
    if pa.types.is_struct(typ):
        out = []
        for i in range(typ.num_fields):
            field = typ.field(i)
            out += leaves(None if value is None else value.get(field.name), field.type)
        return out
    if pa.types.is_map(typ):
        out = [[] for _ in range(leaf_count(typ))]
        for key, item in (value or []):
            parts = leaves(key, typ.key_type) + leaves(item, typ.item_type)
            for target, part in zip(out, parts):
                target += part
        return out
    if pa.types.is_list(typ) or pa.types.is_large_list(typ) or pa.types.is_fixed_size_list(typ):
        out = [[] for _ in range(leaf_count(typ))]
        for element in (value or []):
            for target, part in zip(out, leaves(element, typ.value_type)):
                target += part
        return out
    rendered = scalar(value, typ)
    return [[] if rendered is None else [rendered]]


def integer_view(typ):
    """Timestamps and dates as integers, so values reach Python without losing nanoseconds."""
    if pa.types.is_timestamp(typ) or pa.types.is_date64(typ):
        return pa.int64()
    if pa.types.is_date32(typ):
        return pa.int32()
    if pa.types.is_struct(typ):
        return pa.struct([pa.field(f.name, integer_view(f.type), f.nullable) for f in typ])
    if pa.types.is_map(typ):
        return pa.map_(integer_view(typ.key_type), integer_view(typ.item_type))
    if pa.types.is_list(typ):
        return pa.list_(pa.field(typ.value_field.name, integer_view(typ.value_type), typ.value_field.nullable))
    if pa.types.is_large_list(typ):
        return pa.large_list(integer_view(typ.value_type))
    if pa.types.is_dictionary(typ):
        return integer_view(typ.value_type)
    return typ


def dump(table, paths, out_path):
    columns = []
    for column in table.columns:
        typ = column.type
        plain = column.cast(integer_view(typ)).to_pylist()
        rows = [leaves(value, typ) for value in plain]
        for leaf in range(leaf_count(typ)):
            columns.append([row[leaf] for row in rows])
    assert len(columns) == len(paths), (out_path, len(columns), len(paths))
    with open(out_path, "w") as handle:
        json.dump({"rows": table.num_rows, "columns": [{"path": p, "rows": c} for p, c in zip(paths, columns)]}, handle)


def parquet_paths(path):
    schema = pq.ParquetFile(path).schema
    return [schema.column(i).path for i in range(len(schema))]


def expect(out_dir, files):
    for path in files:
        try:
            table = pq.read_table(path, coerce_int96_timestamp_unit="us")
        except Exception as error:  # pyarrow refuses it: the test then expects no values
            with open(os.path.join(out_dir, os.path.basename(path) + ".json"), "w") as handle:
                json.dump({"error": str(error)}, handle)
            continue
        dump(table, parquet_paths(path), os.path.join(out_dir, os.path.basename(path) + ".json"))


if __name__ == "__main__":
    command, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    if command == "expect":
        expect(out_dir, sys.argv[3:])
    elif command == "generate":
        import parquet_generate
        parquet_generate.generate(out_dir, dump, parquet_paths)
    else:
        sys.exit("usage: parquet_fixtures.py expect|generate OUT_DIR [FILE...]")
