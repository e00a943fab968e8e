#!/usr/bin/env python3
"""Writes one generated Google Cloud billing export in the three shapes BigQuery exports it to:
newline-delimited JSON (nested records, repeated labels and credits), Parquet with the same nesting
(lists of key/value structs, TIMESTAMP columns; needs pyarrow) and flattened CSV (dotted column
names, labels and credits as JSON lists).

Python rather than costtop-samplegen: pyarrow writes the real nested Parquet schema, which no Swift
package here can, and one script writing all three shapes from the same rows is what the "same
bill, three shapes, identical caches" tests and the JSONL/Parquet benchmark need.

Deterministic for a seed. Amounts have at most 6 decimals, so a DOUBLE in Parquet prints back as
the same decimal the JSON and CSV hold.

usage: gcp-samplegen.py --rows N [--seed S] [--shapes jsonl,parquet,csv] OUTDIR
"""
import argparse, csv, datetime, json, os, random, zlib

PROJECTS = [("web-prod-4711", "Web production", {"team": "web", "env": "prod"}),
            ("data-lake-0815", "Data lake", {"team": "data", "env": "prod"}),
            ("sandbox-9001", "Sandbox", {"team": "platform", "env": "dev"})]
SERVICES = [
    ("6F81-5844-456A", "Compute Engine", [("N2 Instance Core running in Americas", "hour"),
                                          ("N2 Instance Ram running in Americas", "gibibyte hour"),
                                          ("Network Internet Egress from Americas to Americas", "gibibyte")]),
    ("95FF-2EF5-5EA1", "Cloud Storage", [("Standard Storage US Multi-region", "gibibyte month"),
                                         ("Class A Operations", "count")]),
    ("24E6-581D-38E5", "BigQuery", [("Analysis", "tebibyte")]),
]
REGIONS = ["us-central1", "us-east1", "europe-west1", None]
CUD_SKU = "Commitment v1: Cpu in Americas for 1 Year"


def money(rng, low, high):
    return round(rng.uniform(low, high), 6)


def make_rows(count, seed):
    rng = random.Random(seed)
    start = datetime.datetime(2024, 9, 1, tzinfo=datetime.timezone.utc)
    rows = []
    for index in range(count):
        project_id, project_name, project_labels = PROJECTS[index % len(PROJECTS)]
        hour = start + datetime.timedelta(hours=(index * 7) % (24 * 30))
        service_id, service, skus = SERVICES[rng.randrange(len(SERVICES))]
        sku, unit = skus[rng.randrange(len(skus))]
        cost_type = "regular"
        credits = []
        kind = rng.random()
        if kind < 0.03:
            service_id, service, sku, unit = "6F81-5844-456A", "Compute Engine", CUD_SKU, "hour"
        elif kind < 0.05:
            cost_type = "tax"
        cost = money(rng, 0, 40)
        if cost_type == "regular" and sku != CUD_SKU:
            # Only vCPU and memory SKUs get CUD credits (the RNG is drawn as before, so bills stay the same otherwise).
            if service == "Compute Engine" and rng.random() < 0.3 and " running " in sku:
                credits.append({"name": "Committed use discount: CPU", "amount": -round(cost * 0.6, 6),
                                "full_name": None, "id": "cud-1", "type": "COMMITTED_USAGE_DISCOUNT"})
            if rng.random() < 0.2:
                credits.append({"name": "Sustained usage discount", "amount": -round(cost * 0.1, 6),
                                "full_name": None, "id": "sud", "type": "SUSTAINED_USAGE_DISCOUNT"})
        labels = [{"key": "env", "value": rng.choice(["prod", "staging", "dev"])}]
        if rng.random() < 0.5:
            labels.append({"key": "app", "value": rng.choice(["checkout", "search", "batch"])})
        region = REGIONS[rng.randrange(len(REGIONS))] if service != "BigQuery" else None
        rows.append({
            "billing_account_id": "01A2B3-C4D5E6-F7A8B9",
            "service": {"id": service_id, "description": service},
            "sku": {"id": "SKU-%04d" % (zlib.crc32(sku.encode()) % 10000), "description": sku},
            "usage_start_time": hour,
            "usage_end_time": hour + datetime.timedelta(hours=1),
            "project": {"id": project_id, "number": str(100000 + index % 3), "name": project_name,
                        "labels": [{"key": k, "value": v} for k, v in sorted(project_labels.items())]},
            "labels": labels,
            "system_labels": [{"key": "compute.googleapis.com/machine_spec", "value": "n2-standard-4"}]
            if service == "Compute Engine" else [],
            "location": {"location": region or "global", "country": "US" if region else None, "region": region, "zone": None},
            "resource": {"name": "instance-%d" % (index % 50) if service == "Compute Engine" else None,
                         "global_name": None},
            "cost": cost,
            "currency": "USD",
            "usage": {"amount": round(rng.uniform(0, 100), 3), "unit": unit,
                      "amount_in_pricing_units": round(rng.uniform(0, 10), 3), "pricing_unit": unit},
            "credits": credits,
            "invoice": {"month": "202409"},
            "cost_type": cost_type,
            "cost_at_list": round(cost * 1.25, 6) if cost_type == "regular" else None,
        })
    return rows


def timestamp(value):
    return value.strftime("%Y-%m-%d %H:%M:%S UTC")


def jsonable(value):
    if isinstance(value, datetime.datetime):
        return timestamp(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def write_jsonl(rows, path):
    with open(path, "w") as out:
        for row in rows:
            out.write(json.dumps(jsonable(row), separators=(",", ":")) + "\n")


def flatten(value, prefix, into):
    for key, item in value.items():
        name = prefix + key
        if isinstance(item, dict):
            flatten(item, name + ".", into)
        elif isinstance(item, list):
            into[name] = json.dumps(jsonable(item), separators=(",", ":"))
        elif isinstance(item, datetime.datetime):
            into[name] = timestamp(item)
        else:
            into[name] = "" if item is None else str(item)


def write_csv(rows, path):
    flat = []
    for row in rows:
        record = {}
        flatten(row, "", record)
        flat.append(record)
    with open(path, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(flat[0].keys()))
        writer.writeheader()
        writer.writerows(flat)


def write_parquet(rows, path, row_group):
    import pyarrow as pa, pyarrow.parquet as pq
    kv = pa.list_(pa.struct([("key", pa.string()), ("value", pa.string())]))
    schema = pa.schema([
        ("billing_account_id", pa.string()),
        ("service", pa.struct([("id", pa.string()), ("description", pa.string())])),
        ("sku", pa.struct([("id", pa.string()), ("description", pa.string())])),
        ("usage_start_time", pa.timestamp("us", tz="UTC")),
        ("usage_end_time", pa.timestamp("us", tz="UTC")),
        ("project", pa.struct([("id", pa.string()), ("number", pa.string()), ("name", pa.string()), ("labels", kv)])),
        ("labels", kv),
        ("system_labels", kv),
        ("location", pa.struct([("location", pa.string()), ("country", pa.string()), ("region", pa.string()), ("zone", pa.string())])),
        ("resource", pa.struct([("name", pa.string()), ("global_name", pa.string())])),
        ("cost", pa.float64()),
        ("currency", pa.string()),
        ("usage", pa.struct([("amount", pa.float64()), ("unit", pa.string()),
                             ("amount_in_pricing_units", pa.float64()), ("pricing_unit", pa.string())])),
        ("credits", pa.list_(pa.struct([("name", pa.string()), ("amount", pa.float64()), ("full_name", pa.string()),
                                         ("id", pa.string()), ("type", pa.string())]))),
        ("invoice", pa.struct([("month", pa.string())])),
        ("cost_type", pa.string()),
        ("cost_at_list", pa.float64()),
    ])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path, row_group_size=row_group, compression="snappy")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shapes", default="jsonl,parquet,csv")
    parser.add_argument("--row-group", type=int, default=100_000)
    parser.add_argument("outdir")
    args = parser.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    rows = make_rows(args.rows, args.seed)
    shapes = args.shapes.split(",")
    if "jsonl" in shapes:
        write_jsonl(rows, os.path.join(args.outdir, "gcp-billing.jsonl"))
    if "csv" in shapes:
        write_csv(rows, os.path.join(args.outdir, "gcp-billing.csv"))
    if "parquet" in shapes:
        write_parquet(rows, os.path.join(args.outdir, "gcp-billing.parquet"), args.row_group)


if __name__ == "__main__":
    main()
