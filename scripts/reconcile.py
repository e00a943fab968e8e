#!/usr/bin/env python3
"""Independent oracle for costtop's reconciliation tests.

Sums billed or effective cost per account or service straight from raw export files with Python's
csv module and exact Decimal arithmetic, sharing no code with costtop. Honours AWS legacy CUR
manifests (only the assembly a manifest names counts). Prints JSON {key: "decimal"}.

usage: reconcile.py --by account|service|usage-path|tag:KEY --metric billed|effective [--from DAY --to DAY] [--digits N] PATH...

--by usage-path keys each sum by account/service/usage type; --by tag:KEY by the value of the user
tag KEY (CUR `resourceTags/user:KEY`, FOCUS's `Tags` JSON), `(untagged)` when it is missing or empty; --from and --to keep line items whose
usage (CUR) or charge period (FOCUS) starts on those days (UTC, inclusive). --digits sets the
fractional digits printed (default 2, cents; 9 gives sums a caller can add up and round itself).
"""
import argparse, csv, decimal, glob, gzip, io, json, os, sys

D = decimal.Decimal
NULLS = {"", "NULL", "null"}


def files_under(paths):
    data, manifests = [], []
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in os.walk(path):
                for name in names:
                    full = os.path.join(root, name)
                    if name.endswith(".csv") or name.endswith(".csv.gz"):
                        data.append(full)
                    elif name.endswith("-Manifest.json"):
                        manifests.append(full)
        else:
            data.append(path)
    skip = set()
    for manifest in manifests:
        with open(manifest) as handle:
            info = json.load(handle)
        folder = os.path.dirname(manifest)
        current = os.path.join(folder, info["assemblyId"]) + os.sep
        for file in data:
            rest = os.path.relpath(file, folder)
            if not rest.startswith("..") and os.sep in rest and not file.startswith(current):
                skip.add(file)
    return sorted(f for f in data if f not in skip)


def rows(path):
    raw = gzip.open(path, "rb").read() if path.endswith(".gz") else open(path, "rb").read()
    text = raw.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    for row in reader:
        if not row or row == [""]:
            continue
        yield dict(zip(header, row))


def amount(row, name):
    value = row.get(name, "")
    return D(0) if value in NULLS else D(value)


def cur_effective(row):
    kind = row.get("lineItem/LineItemType", "Usage")
    if kind == "SavingsPlanCoveredUsage":
        return amount(row, "savingsPlan/SavingsPlanEffectiveCost")
    if kind == "SavingsPlanRecurringFee":
        return amount(row, "savingsPlan/TotalCommitmentToDate") - amount(row, "savingsPlan/UsedCommitment")
    if kind in ("SavingsPlanNegation", "SavingsPlanUpfrontFee"):
        return D(0)
    if kind == "DiscountedUsage":
        return amount(row, "reservation/EffectiveCost")
    if kind == "RIFee":
        return amount(row, "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod") + amount(row, "reservation/UnusedRecurringFee")
    return amount(row, "lineItem/UnblendedCost")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--by", required=True, help="account, service, usage-path or tag:KEY")
    parser.add_argument("--from", dest="first", default="0000-00-00")
    parser.add_argument("--to", dest="last", default="9999-99-99")
    parser.add_argument("--metric", choices=["billed", "effective"], required=True)
    parser.add_argument("--digits", type=int, default=2)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    if args.by not in ("account", "service", "usage-path") and not args.by.startswith("tag:"):
        parser.error("--by takes account, service, usage-path or tag:KEY")
    tag = args.by[4:] if args.by.startswith("tag:") else None
    sums = {}
    for path in files_under(args.paths):
        for row in rows(path):
            if "lineItem/UnblendedCost" in row:
                day = row.get("lineItem/UsageStartDate", "")[:10]
                if tag is not None:
                    key = row.get("resourceTags/user:" + tag, "") or "(untagged)"
                elif args.by == "usage-path":
                    key = "/".join([row["lineItem/UsageAccountId"], row["lineItem/ProductCode"], row.get("lineItem/UsageType", "")])
                else:
                    key = row["lineItem/UsageAccountId"] if args.by == "account" else row["lineItem/ProductCode"]
                value = amount(row, "lineItem/UnblendedCost") if args.metric == "billed" else cur_effective(row)
            else:
                day = row.get("ChargePeriodStart", "")[:10]
                if tag is not None:
                    tags = row.get("Tags", "")
                    key = (json.loads(tags).get(tag, "") if tags not in NULLS else "") or "(untagged)"
                elif args.by == "usage-path":
                    key = "/".join(row.get(name, "") for name in ("SubAccountId", "ServiceName", "x_UsageType"))
                else:
                    key = row.get("SubAccountId" if args.by == "account" else "ServiceName", "")
                billed = amount(row, "BilledCost")
                effective = row.get("EffectiveCost", "")
                value = billed if args.metric == "billed" or effective in NULLS else D(effective)
            if not args.first <= day <= args.last:
                continue
            key = "(none)" if key in NULLS else key
            sums[key] = sums.get(key, D(0)) + value
    unit = D(1).scaleb(-args.digits)
    cents = {k: str(v.quantize(unit, rounding=decimal.ROUND_HALF_UP)) for k, v in sums.items()}
    json.dump(cents, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    decimal.getcontext().prec = 50
    main()
