#!/usr/bin/env python3
"""Independent oracle for Google Cloud and Azure exports (reconcile.py does AWS CUR and FOCUS).

Sums billed or effective cost per account or service straight from the raw files with Python's
csv/json modules and exact Decimal arithmetic, sharing no code with costtop. The rules are the
documented ones (docs/formats/gcp.md, docs/formats/azure.md):

- Google Cloud (JSON Lines or flattened CSV): billed = effective = cost + sum(credits.amount);
  account = project.id, service = service.description.
- Azure (CSV): account = SubscriptionId, service = MeterCategory; the cost column is
  CostInBillingCurrency (else Cost). Actual exports (no manifest.json or path component nearest the
  file says amortized; azure_amortized below):
  billed = effective = cost. Amortized: effective = cost, except a reservation or savings plan
  Purchase (0); billed = cost, except covered usage (PricingModel Reservation/SavingsPlan) and
  UnusedReservation/UnusedSavingsPlan rows (0).

Prints JSON {key: "decimal"} for one currency (--currency, default: the only one there is).

usage: reconcile-clouds.py --by account|service --metric billed|effective [--currency C] PATH...
"""
import argparse, csv, decimal, gzip, io, json, os, re, sys

D = decimal.Decimal


def files_under(paths):
    found = []
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in os.walk(path):
                found += [os.path.join(root, n) for n in names if n.endswith((".csv", ".jsonl", ".json", ".jsonl.gz", ".csv.gz"))]
        else:
            found.append(path)
    return sorted(found)


def text_of(path):
    raw = gzip.open(path, "rb").read() if path.endswith(".gz") else open(path, "rb").read()
    return raw.decode("utf-8-sig")


def records(path):
    text = text_of(path)
    if ".jsonl" in path or ".json" in path:
        for line in text.splitlines():
            if line.strip():
                yield "gcp-json", json.loads(line, parse_float=D, parse_int=D)
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for row in reader:
        yield ("gcp-csv" if "usage_start_time" in row else "azure"), row


def dig(record, path):
    for part in path.split("."):
        if not isinstance(record, dict):
            return None
        record = record.get(part)
    return record


def gcp(record, shape, by):
    if shape == "gcp-csv":
        credits = json.loads(record.get("credits") or "[]", parse_float=D, parse_int=D)
        cost, key = D(record["cost"]), record.get("project.id" if by == "account" else "service.description", "")
        currency = record.get("currency") or "USD"
    else:
        credits = record.get("credits") or []
        cost, key = D(record["cost"]), dig(record, "project.id" if by == "account" else "service.description") or ""
        currency = record.get("currency") or "USD"
    total = cost + sum((D(str(c["amount"])) for c in credits), D(0))
    return key, currency, total, total


def azure(row, amortized, by):
    cost_text = row.get("CostInBillingCurrency") or row.get("Cost") or "0"
    cost = D(cost_text)
    committed = row.get("PricingModel", "") in ("Reservation", "SavingsPlan")
    charge = row.get("ChargeType", "Usage")
    billed, effective = cost, cost
    if amortized:
        if (charge == "Usage" and committed) or charge in ("UnusedReservation", "UnusedSavingsPlan"):
            billed = D(0)
        if charge == "Purchase" and committed:
            effective = D(0)
    key = row.get("SubscriptionId", "") if by == "account" else row.get("MeterCategory", "")
    currency = row.get("BillingCurrencyCode") or row.get("BillingCurrency") or "USD"
    return key, currency, billed, effective


def azure_amortized(path):
    """The documented rule: a manifest.json beside the file naming exportConfig.type, else the path
    component nearest the file that names exactly one kind, else actual."""
    manifest = os.path.join(os.path.dirname(path), "manifest.json")
    if os.path.exists(manifest):
        try:
            kind = (json.load(open(manifest)).get("exportConfig") or {}).get("type", "").lower()
        except (ValueError, AttributeError):
            kind = ""
        if kind in ("amortizedcost", "actualcost", "usage"):
            return kind == "amortizedcost"
    def names(word, component):
        # A word of its own: at the start, after a non-letter, or capitalized (DailyActualCost).
        for match in re.finditer(word, component, re.IGNORECASE):
            start = match.start()
            if start == 0 or not component[start - 1].isalpha() or component[start].isupper():
                return True
        return False

    for component in reversed([c for c in path.split("/") if c]):
        amortized = names("amortized", component) or names("amortised", component)
        if amortized != names("actual", component):
            return amortized
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--by", choices=["account", "service"], required=True)
    parser.add_argument("--metric", choices=["billed", "effective"], required=True)
    parser.add_argument("--currency")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    sums = {}
    for path in files_under(args.paths):
        amortized = azure_amortized(path)
        for shape, record in records(path):
            key, currency, billed, effective = gcp(record, shape, args.by) if shape.startswith("gcp") else azure(record, amortized, args.by)
            if args.currency and currency != args.currency:
                continue
            key = key or "(none)"
            sums[key] = sums.get(key, D(0)) + (billed if args.metric == "billed" else effective)
    cents = {k: str(v.quantize(D("0.01"), rounding=decimal.ROUND_HALF_UP)) for k, v in sums.items()}
    json.dump(cents, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    decimal.getcontext().prec = 60
    main()
