#!/usr/bin/env python3
"""Independent oracle for costtop's commitment tests: coverage by service and utilization by
commitment computed straight from raw AWS CUR files (csv + Decimal, no shared code), using the
eligibility rule of docs/commitments.md. Honours CUR manifests like scripts/reconcile.py.
Prints JSON {"coverage": {service: [covered, eligible]}, "utilization": {arn: [used, total]}}.

usage: commitments_oracle.py PATH...
"""
import json, os, sys
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reconcile import files_under, rows, amount  # file discovery and parsing only

PATTERNS = ["BoxUsage", "DedicatedUsage", "HostUsage", "Fargate-vCPU-Hours", "Fargate-GB-Hours", "Lambda-GB-Second",
            "InstanceUsage", "Multi-AZUsage", "NodeUsage", "Node:", "ESInstance"]


def eligible_type(usage_type):
    if any(p in usage_type for p in PATTERNS):
        return True
    return "ml." in usage_type and any(p in usage_type for p in ["Host", "Notebook", "Train"])


def main():
    coverage, utilization = {}, {}
    for path in files_under(sys.argv[1:]):
        for row in rows(path):
            kind = row.get("lineItem/LineItemType", "Usage")
            if kind in ("Usage", "DiscountedUsage", "SavingsPlanCoveredUsage"):
                committed = kind != "Usage"
                if not committed and row.get("pricing/term") == "Spot":
                    continue
                if committed or eligible_type(row["lineItem/UsageType"]):
                    listed = row.get("pricing/publicOnDemandCost", "")
                    value = D(listed) if listed != "" else amount(row, "lineItem/UnblendedCost")
                    entry = coverage.setdefault(row["lineItem/ProductCode"], [D(0), D(0)])
                    entry[1] += value
                    if committed:
                        entry[0] += value
            if kind == "SavingsPlanRecurringFee":
                entry = utilization.setdefault(row["savingsPlan/SavingsPlanARN"], [D(0), D(0)])
                entry[0] += amount(row, "savingsPlan/UsedCommitment")
                entry[1] += amount(row, "savingsPlan/TotalCommitmentToDate")
            if kind == "RIFee":
                total = amount(row, "lineItem/UnblendedCost") + amount(row, "reservation/AmortizedUpfrontFeeForBillingPeriod")
                unused = amount(row, "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod") + amount(row, "reservation/UnusedRecurringFee")
                entry = utilization.setdefault(row["reservation/ReservationARN"], [D(0), D(0)])
                entry[0] += total - unused
                entry[1] += total
    json.dump({"coverage": {k: [str(a), str(b)] for k, (a, b) in coverage.items()},
               "utilization": {k: [str(a), str(b)] for k, (a, b) in utilization.items()}}, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
