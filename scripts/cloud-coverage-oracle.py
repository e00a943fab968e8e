#!/usr/bin/env python3
"""Independent oracle for commitment coverage of Google Cloud exports (commitments_oracle.py does AWS).

Reads the raw JSON Lines or flattened CSV export with Python's json/csv modules and exact Decimal
arithmetic, sharing no code with costtop, and applies the documented rules (docs/commitments.md,
docs/formats/gcp.md):

- usage rows: cost_type `regular` (or missing) whose SKU does not start with `Commitment` (those
  are CUD fees, i.e. purchases); tax, adjustments and credits are not usage;
- covered: a usage row with a credit whose type starts with COMMITTED_USAGE_DISCOUNT (non-zero);
- eligible: covered rows, and usage rows of a service with an eligibility rule whose SKU has one
  of the rule's words and none of its excluded words (the Google Cloud rows of the table in
  docs/commitments.md, written out again below);
- amounts: list cost, `cost_at_list` when present, else `cost`;
- coverage = covered ÷ eligible, per project (`project.id`) and for all.

Prints JSON {project: {"covered": "d.dd", "eligible": "d.dd", "coverage": "p.pp"}}, with the
whole bill under "TOTAL". Coverage is a percentage to 0.01 (as costtop's JSON writes it).

usage: cloud-coverage-oracle.py PATH
"""
import csv, decimal, json, sys

D = decimal.Decimal

SPEND_BASED = ["vCPU", "RAM", "Memory", "CPU", "CORE", "Capacity", "Compute", "Processing Unit", "Node"]
RULES = {
    "Compute Engine": (["Core running", "Ram running", "GPU running", "Local Storage", "Sole Tenancy"], ["Preemptible", "Spot"]),
    "Cloud SQL": (SPEND_BASED, ["Storage", "Backup", "Network", "License"]),
    "AlloyDB": (SPEND_BASED, ["Storage", "Backup", "Network"]),
    "Cloud Run": (SPEND_BASED, ["Request", "Network"]),
    "Kubernetes Engine": (["Autopilot"], ["Storage", "Spot"]),
    "Cloud Spanner": (SPEND_BASED, ["Storage", "Backup", "Network"]),
    "Cloud Memorystore for Redis": (SPEND_BASED, ["Network"]),
}


def rows(path):
    text = open(path, encoding="utf-8-sig").read()
    if path.endswith((".jsonl", ".json")):
        for line in text.splitlines():
            if not line.strip():
                continue
            row = json.loads(line, parse_float=D, parse_int=D)
            yield ((row.get("service") or {}).get("description") or "", (row.get("sku") or {}).get("description") or "",
                   (row.get("project") or {}).get("id") or "", row.get("cost_type"), D(str(row["cost"])),
                   row.get("cost_at_list"), row.get("credits") or [])
    else:
        for row in csv.DictReader(text.splitlines()):
            yield (row.get("service.description", ""), row.get("sku.description", ""), row.get("project.id", ""),
                   row.get("cost_type") or None, D(row["cost"]), row.get("cost_at_list") or None,
                   json.loads(row.get("credits") or "[]", parse_float=D, parse_int=D))


def eligible(service, sku):
    if service not in RULES:
        return False
    include, exclude = RULES[service]
    return any(word in sku for word in include) and not any(word in sku for word in exclude)


def main():
    decimal.getcontext().prec = 60
    sums = {}
    for service, sku, project, cost_type, cost, at_list, credits in rows(sys.argv[1]):
        if cost_type not in (None, "regular") or sku.startswith("Commitment"):
            continue
        committed = any((c.get("type") or "").startswith("COMMITTED_USAGE_DISCOUNT") and D(str(c["amount"])) != 0
                        for c in credits)
        if not (committed or eligible(service, sku)):
            continue
        listed = D(str(at_list)) if at_list is not None else cost
        for key in (project or "(none)", "TOTAL"):
            entry = sums.setdefault(key, [D(0), D(0)])
            entry[1] += listed
            if committed:
                entry[0] += listed
    cent = D("0.01")
    result = {}
    for key, (covered, total) in sums.items():
        coverage = (covered / total * 100).quantize(D("0.01"), rounding=decimal.ROUND_HALF_UP) if total else None
        result[key] = {"covered": str(covered.quantize(cent, rounding=decimal.ROUND_HALF_UP)),
                       "eligible": str(total.quantize(cent, rounding=decimal.ROUND_HALF_UP)),
                       "coverage": None if coverage is None else str(coverage)}
    json.dump(result, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
