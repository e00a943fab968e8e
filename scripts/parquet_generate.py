"""Parquet files written by pyarrow and DuckDB for the decoder's tests, each with its expected values.

Used by parquet_fixtures.py generate. Every feature the decoder claims appears in at least one file:
each codec, dictionary on and off, data pages v1 and v2, nulls everywhere, maps, lists, structs, many
row groups, small pages, each logical type, DELTA_* and BYTE_STREAM_SPLIT encodings.
"""
import datetime
import decimal
import os
import random

import pyarrow as pa
import pyarrow.parquet as pq

# The fuzzer's seeds use a smaller scale (PARQUET_FIXTURE_SCALE=0.05) so every file stays under 64 KiB.
SCALE = float(os.environ.get("PARQUET_FIXTURE_SCALE", "1"))
ROWS = max(10, int(3000 * SCALE))


def scaled(n):
    return max(10, int(n * SCALE))


def maybe(rng, value, rate=0.15):
    return None if rng.random() < rate else value


def flat_table(rng):
    """A CUR-like flat table: ids, amounts, strings with repeats (dictionary-friendly), nulls in every column."""
    services = ["AmazonEC2", "AmazonS3", "AWSLambda", "AmazonRDS", "", "AmazonCloudFront", "ünïcödé ✓"]
    base = datetime.datetime(2024, 9, 1, tzinfo=datetime.timezone.utc)
    return pa.table({
        "i32": pa.array([maybe(rng, rng.randint(-2**31, 2**31 - 1)) for _ in range(ROWS)], pa.int32()),
        "i64": pa.array([maybe(rng, rng.randint(-2**63, 2**63 - 1)) for _ in range(ROWS)], pa.int64()),
        "small": pa.array([maybe(rng, rng.randint(0, 20)) for _ in range(ROWS)], pa.int64()),
        "f32": pa.array([maybe(rng, rng.uniform(-1e6, 1e6)) for _ in range(ROWS)], pa.float32()),
        "f64": pa.array([maybe(rng, rng.choice([rng.uniform(-1e9, 1e9), 0.1, -0.0, float("inf"), float("nan")])) for _ in range(ROWS)], pa.float64()),
        "flag": pa.array([maybe(rng, rng.random() < 0.3) for _ in range(ROWS)], pa.bool_()),
        "service": pa.array([maybe(rng, rng.choice(services)) for _ in range(ROWS)], pa.string()),
        "resource": pa.array([maybe(rng, "arn:aws:ec2:us-east-1:1234:instance/i-%012x" % rng.getrandbits(48)) for _ in range(ROWS)], pa.string()),
        "blob": pa.array([maybe(rng, bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 12)))) for _ in range(ROWS)], pa.binary()),
        "cost": pa.array([maybe(rng, decimal.Decimal(rng.randint(-10**15, 10**15)).scaleb(-10)) for _ in range(ROWS)], pa.decimal128(25, 10)),
        "day": pa.array([maybe(rng, (base + datetime.timedelta(days=rng.randint(-800, 800))).date()) for _ in range(ROWS)], pa.date32()),
        "start": pa.array([maybe(rng, int(base.timestamp() * 1e6) + rng.randint(-10**12, 10**12)) for _ in range(ROWS)], pa.timestamp("us", tz="UTC")),
    })


def typed_table(rng):
    """Each logical type the ingest converts."""
    n = scaled(500)
    def ints(lo, hi):
        return [maybe(rng, rng.randint(lo, hi)) for _ in range(n)]
    return pa.table({
        "dec_i32": pa.array([None if v is None else decimal.Decimal(v).scaleb(-2) for v in ints(-10**8, 10**8)], pa.decimal128(9, 2)),
        "dec_i64": pa.array([None if v is None else decimal.Decimal(v).scaleb(-6) for v in ints(-10**17, 10**17)], pa.decimal128(18, 6)),
        "dec_fixed": pa.array([None if v is None else decimal.Decimal(v).scaleb(-9) for v in ints(-10**17, 10**17)], pa.decimal128(20, 9)),
        "ts_ms_utc": pa.array(ints(-10**12, 4 * 10**12), pa.timestamp("ms", tz="UTC")),
        "ts_us_utc": pa.array(ints(-10**15, 4 * 10**15), pa.timestamp("us", tz="UTC")),
        "ts_ns_utc": pa.array(ints(-10**18, 4 * 10**18), pa.timestamp("ns", tz="UTC")),
        "ts_ms_local": pa.array(ints(-10**12, 4 * 10**12), pa.timestamp("ms")),
        "ts_us_local": pa.array(ints(-10**15, 4 * 10**15), pa.timestamp("us")),
        "ts_ns_local": pa.array(ints(-10**18, 4 * 10**18), pa.timestamp("ns")),
        "date": pa.array(ints(-100000, 100000), pa.date32()),
        "text": pa.array([maybe(rng, "row %d ✓" % i) for i in range(n)], pa.string()),
        "u8": pa.array(ints(0, 255), pa.uint8()),
        "u32": pa.array(ints(0, 2**32 - 1), pa.uint32()),
        "u64": pa.array(ints(0, 2**64 - 1), pa.uint64()),
        "i8": pa.array(ints(-128, 127), pa.int8()),
        "i16": pa.array(ints(-32768, 32767), pa.int16()),
        "fixed": pa.array([maybe(rng, bytes(rng.getrandbits(8) for _ in range(5))) for _ in range(n)], pa.binary(5)),
    })


def nested_table(rng):
    """Maps, lists and structs with nulls and empties at every level."""
    n = scaled(1200)
    def tags():
        r = rng.random()
        if r < 0.1:
            return None
        if r < 0.2:
            return []
        return [("user:%s" % rng.choice(["team", "env", "owner", "cost-center"]) + str(k), maybe(rng, rng.choice(["prod", "dev", "", "ünï"]), 0.1)) for k in range(rng.randint(1, 5))]
    def numbers():
        r = rng.random()
        if r < 0.1:
            return None
        if r < 0.2:
            return []
        return [maybe(rng, rng.randint(-1000, 1000), 0.2) for _ in range(rng.randint(1, 6))]
    def struct():
        if rng.random() < 0.1:
            return None
        return {"name": maybe(rng, rng.choice(["a", "bb", "ccc"])), "amount": maybe(rng, rng.uniform(0, 100)),
                "inner": maybe(rng, {"code": maybe(rng, rng.randint(0, 9)), "labels": numbers()})}
    def nested_lists():
        if rng.random() < 0.1:
            return None
        return [numbers() for _ in range(rng.randint(0, 3))]
    def items():
        if rng.random() < 0.1:
            return None
        return [maybe(rng, {"sku": "sku-%d" % rng.randint(0, 50), "qty": maybe(rng, rng.randint(0, 9))}) for _ in range(rng.randint(0, 4))]
    inner = pa.struct([pa.field("code", pa.int32()), pa.field("labels", pa.list_(pa.int64()))])
    return pa.table({
        "id": pa.array(range(n), pa.int64()),
        "resource_tags": pa.array([tags() for _ in range(n)], pa.map_(pa.string(), pa.string())),
        "numbers": pa.array([numbers() for _ in range(n)], pa.list_(pa.int64())),
        "info": pa.array([struct() for _ in range(n)], pa.struct([pa.field("name", pa.string()), pa.field("amount", pa.float64()), pa.field("inner", inner)])),
        "matrix": pa.array([nested_lists() for _ in range(n)], pa.list_(pa.list_(pa.int64()))),
        "items": pa.array([items() for _ in range(n)], pa.list_(pa.struct([pa.field("sku", pa.string()), pa.field("qty", pa.int32())]))),
    })


def encoded_table(rng):
    """Columns for DELTA_* and BYTE_STREAM_SPLIT (pyarrow's column_encoding)."""
    n = scaled(2500)
    prefixes = ["arn:aws:s3:::bucket-%d/" % i for i in range(5)]
    return pa.table({
        "delta_i32": pa.array([maybe(rng, rng.randint(-2**31, 2**31 - 1) if rng.random() < 0.1 else 1000 + i) for i in range(n)], pa.int32()),
        "delta_i64": pa.array([maybe(rng, rng.randint(-2**63, 2**63 - 1) if rng.random() < 0.1 else i * 3600 * 10**6) for i in range(n)], pa.int64()),
        "delta_len": pa.array([maybe(rng, "v" * rng.randint(0, 30)) for _ in range(n)], pa.string()),
        "delta_bytes": pa.array([maybe(rng, rng.choice(prefixes) + "key/%06d" % rng.randint(0, 10**6)) for _ in range(n)], pa.string()),
        "bss_f32": pa.array([maybe(rng, rng.gauss(0, 1)) for _ in range(n)], pa.float32()),
        "bss_f64": pa.array([maybe(rng, rng.gauss(0, 1e6)) for _ in range(n)], pa.float64()),
        "bss_i32": pa.array([maybe(rng, rng.randint(-2**31, 2**31 - 1)) for _ in range(n)], pa.int32()),
        "bss_i64": pa.array([maybe(rng, rng.randint(-2**63, 2**63 - 1)) for _ in range(n)], pa.int64()),
        "bss_fixed": pa.array([maybe(rng, bytes(rng.getrandbits(8) for _ in range(3))) for _ in range(n)], pa.binary(3)),
    })


ENCODINGS = {
    "delta_i32": "DELTA_BINARY_PACKED", "delta_i64": "DELTA_BINARY_PACKED", "delta_len": "DELTA_LENGTH_BYTE_ARRAY",
    "delta_bytes": "DELTA_BYTE_ARRAY", "bss_f32": "BYTE_STREAM_SPLIT", "bss_f64": "BYTE_STREAM_SPLIT",
    "bss_i32": "BYTE_STREAM_SPLIT", "bss_i64": "BYTE_STREAM_SPLIT", "bss_fixed": "BYTE_STREAM_SPLIT",
}


def generate(out_dir, dump, parquet_paths):
    rng = random.Random(20240901)
    flat = flat_table(rng)

    def write(name, table, **options):
        path = os.path.join(out_dir, name + ".parquet")
        pq.write_table(table, path, **options)
        dump(table, parquet_paths(path), path + ".json")

    for codec in ["NONE", "SNAPPY", "GZIP", "ZSTD", "LZ4"]:  # pyarrow's LZ4 is LZ4_RAW
        for dictionary in [True, False]:
            for version in ["1.0", "2.0"]:
                write("pyarrow-flat-%s-%s-v%s" % (codec.lower(), "dict" if dictionary else "plain", version[0]), flat,
                      compression=codec, use_dictionary=dictionary, data_page_version=version,
                      row_group_size=700, data_page_size=2048, write_batch_size=300)
    typed = typed_table(rng)
    write("pyarrow-types", typed, row_group_size=200, data_page_size=1024, store_decimal_as_integer=True)
    write("pyarrow-types-v2-fixed-decimals", typed, data_page_version="2.0", compression="ZSTD")
    int96 = pa.table({"ts": pa.array([rng.randint(-10**15, 4 * 10**15) if rng.random() > 0.1 else None for _ in range(scaled(400))], pa.timestamp("us"))})
    write("pyarrow-int96", int96, use_deprecated_int96_timestamps=True)
    nested = nested_table(rng)
    write("pyarrow-nested-v1", nested, row_group_size=300, data_page_size=512, compression="SNAPPY")
    write("pyarrow-nested-v2", nested, data_page_version="2.0", data_page_size=700, compression="ZSTD", use_dictionary=False)
    write("pyarrow-nested-legacy-lists", nested, use_compliant_nested_type=False, compression="GZIP")
    encoded = encoded_table(rng)
    for version in ["1.0", "2.0"]:
        write("pyarrow-encodings-v" + version[0], encoded, use_dictionary=False, column_encoding=ENCODINGS,
              data_page_version=version, data_page_size=1500, row_group_size=1000, compression="SNAPPY")
    write("pyarrow-empty", flat.slice(0, 0))
    duckdb_files(out_dir, dump, parquet_paths)


DUCK_QUERY = """
SELECT
  i::BIGINT AS id,
  CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 7919) % 100000 END::INTEGER AS account,
  CASE WHEN i % 11 = 0 THEN NULL ELSE ['AmazonEC2', 'AmazonS3', 'AWSLambda', 'AmazonRDS'][1 + i % 4] END AS service,
  CASE WHEN i % 13 = 0 THEN NULL ELSE 'arn:aws:ec2:us-east-1:123456789012:instance/i-' || lpad(to_hex(i * 2654435761 % 4294967296), 12, '0') END AS resource,
  CASE WHEN i % 5 = 0 THEN NULL ELSE CAST(((i * 37) % 1000000 - 500000) / 1000 AS DECIMAL(18, 6)) END AS cost,
  CAST(((i * 17) % 100000) / 100 AS DECIMAL(9, 2)) AS rate,
  CASE WHEN i % 9 = 0 THEN NULL ELSE CAST(((i * 1234567) % 100000000000) / 7 AS DECIMAL(38, 10)) END AS wide,
  CASE WHEN i % 3 = 0 THEN NULL ELSE (i * 0.25)::DOUBLE END AS amount,
  (i % 10 = 0) AS flag,
  TIMESTAMP '2024-09-01 00:00:00' + INTERVAL (i % 720) HOUR AS usage_start,
  TIMESTAMPTZ '2024-09-01 00:00:00+00' + INTERVAL (i % 720) HOUR + INTERVAL (i % 997) MICROSECOND AS usage_start_tz,
  DATE '2024-09-01' + (i % 30)::INTEGER AS usage_day,
  CASE WHEN i % 6 = 0 THEN NULL WHEN i % 6 = 1 THEN MAP {} ELSE
    MAP {'user:team': 'team-' || (i % 4)::VARCHAR, 'user:env': CASE WHEN i % 4 = 0 THEN NULL ELSE 'prod' END} END AS resource_tags,
  CASE WHEN i % 8 = 0 THEN NULL ELSE [i % 3, NULL, i % 5]::INTEGER[] END AS numbers,
  CASE WHEN i % 10 = 0 THEN NULL ELSE {'name': 'n' || (i % 3)::VARCHAR, 'value': i % 4} END AS info
FROM range(%d) t(i)
"""


def duckdb_files(out_dir, dump, parquet_paths):
    import duckdb
    connection = duckdb.connect()
    query = DUCK_QUERY.replace("%d", str(scaled(5000)))
    expected = connection.sql(query).arrow()
    if hasattr(expected, "read_all"):
        expected = expected.read_all()
    for codec in ["uncompressed", "snappy", "gzip", "zstd", "lz4_raw"]:
        for version in ["V1", "V2"]:
            name = "duckdb-%s-%s" % (codec, version.lower())
            path = os.path.join(out_dir, name + ".parquet")
            connection.execute("COPY (%s) TO '%s' (FORMAT PARQUET, COMPRESSION %s, ROW_GROUP_SIZE 2048, PARQUET_VERSION %s)" % (query, path, codec, version))
            dump(expected, parquet_paths(path), path + ".json")
