"""Short-history bills for scripts/eval-anomalies.py --short (docs/anomalies.md, *Evaluation*).

Writes small CUR bills of HISTORY days plus a week in which events are planted, with three tag keys
on every line item (env, team, cost-center) and events at every depth: an account, a service, a
usage type (a spike, a new level, new spend) and a tag value only (new resources tagged team=ml
spread thin over busy usage types of several accounts, so no account, service or usage type moves
enough to notice). The same seed without events is the quiet bill.
"""
import csv, random
from datetime import date, timedelta

START = date(2024, 7, 1)
EVENT_DAYS = 7
SERVICES = {
    "AmazonEC2": ["BoxUsage:m5.large", "BoxUsage:c6i.xlarge", "EBS:VolumeUsage.gp3"],
    "AmazonS3": ["TimedStorage-ByteHrs", "Requests-Tier1"],
    "AmazonRDS": ["InstanceUsage:db.r5.large", "RDS:GP2-Storage"],
    "AWSLambda": ["Lambda-GB-Second", "Request"],
    "AmazonCloudWatch": ["CW:MetricMonitorUsage"],
}
TEAMS = ["web", "data", "platform", ""]
ENVS = ["prod", "staging", "dev"]


def build(seed, history, with_events=True):
    """The bill's series and events: returns (series, labels). A series is a dict with its node,
    tags, region and daily cost list; a label names the planted node (path keys, or tag) and days."""
    rng = random.Random(seed * 1000 + history)
    days = history + EVENT_DAYS
    series = []
    accounts = [f"{rng.randrange(10**11, 10**12)}" for _ in range(11)]
    for account in accounts:
        for service in rng.sample(sorted(SERVICES), 3):
            for usage in SERVICES[service]:
                region = rng.choice(["us-east-1", "eu-west-1", "us-west-2"])
                for _ in range(rng.choice([1, 2, 3])):
                    level = 10 ** rng.uniform(0.5, 2.6)            # $3 to $400 a day
                    weekend = rng.choice([1.0, 0.7, 0.5])
                    noise = rng.choice([0.02, 0.05, 0.1])
                    tags = {"env": rng.choice(ENVS), "team": rng.choice(TEAMS), "cost-center": f"cc{rng.randrange(1, 5)}"}
                    cost = []
                    for day in range(days):
                        weekday = (START + timedelta(days=day)).weekday()
                        cost.append(level * (weekend if weekday >= 5 else 1.0) * (1 + rng.gauss(0, noise)))
                    series.append({"account": account, "service": service, "usage": usage, "region": region,
                                   "tags": tags, "cost": cost})
    labels = []
    if not with_events:
        return series, labels
    first = history

    def window(length):
        start = first + rng.randrange(0, EVENT_DAYS - min(length, EVENT_DAYS) + 1)
        return start, min(days - 1, start + length - 1)

    def plant(members, start, end, factor, extra, node):
        impact = 0.0
        for member in members:
            for day in range(start, end + 1):
                added = member["cost"][day] * (factor - 1) + extra / len(members)
                member["cost"][day] += added
                impact += added
        labels.append({"node": node, "start": start, "end": end, "impact": impact})

    # Each hierarchy event in an account of its own: two events on one series would be one
    # anomaly (the planted generator keeps 28 clean days between a series' events for the same reason).
    free = list(accounts)
    rng.shuffle(free)

    def pick(key):
        account = free.pop()
        return key(rng.choice([s for s in series if s["account"] == account]))

    # Account: every series of the account up by 60-150% for 1-3 days.
    for _ in range(2):
        account = pick(lambda s: s["account"])
        start, end = window(rng.randrange(1, 4))
        plant([s for s in series if s["account"] == account], start, end, rng.uniform(1.6, 2.5), 0, [account])
    # Service: a new level to the end of the bill.
    for _ in range(2):
        key = pick(lambda s: (s["account"], s["service"]))
        start, _ = window(3)
        plant([s for s in series if (s["account"], s["service"]) == key], start, days - 1, rng.uniform(1.8, 3.0), 0, list(key))
    # Usage type: a spike of 1-2 days, many times the usual cost.
    for _ in range(2):
        key = pick(lambda s: (s["account"], s["service"], s["usage"]))
        start, end = window(rng.randrange(1, 3))
        members = [s for s in series if (s["account"], s["service"], s["usage"]) == key]
        plant(members, start, end, 1.0, rng.uniform(300, 5000), list(key))
    # Usage type: new spend (a usage type the account never had) from a day to the end.
    account = free.pop()
    start, _ = window(3)
    fresh = {"account": account, "service": "AmazonSageMaker", "usage": "USE1-Host:ml.g5.xlarge", "region": "us-east-1",
             "tags": {"env": "dev", "team": "data", "cost-center": "cc9"}, "cost": [0.0] * days}
    series.append(fresh)
    plant([fresh], start, days - 1, 1.0, rng.uniform(40, 300), [account, "AmazonSageMaker", "USE1-Host:ml.g5.xlarge"])
    # Tag only: new team=ml resources beside the busiest series of four accounts, each a few percent
    # of its usage type, together many times what team=ml spent before.
    # The hosts are in the four accounts no other event touches, so the events stay apart.
    busy = sorted((s for s in series if s["account"] in free), key=lambda s: -sum(s["cost"]))
    hosts, seen = [], set()
    for s in busy:
        if s["account"] not in seen:
            hosts.append(s)
            seen.add(s["account"])
    start, _ = window(3)
    added = []
    for host in hosts:
        twin = dict(host, tags={"env": host["tags"]["env"], "team": "ml", "cost-center": host["tags"]["cost-center"]},
                    cost=[0.0] * days)
        series.append(twin)
        added.append(twin)
    # Before the event team=ml has a small steady footprint (so the event is a shift, not new spend).
    seedling = dict(hosts[0], tags={"env": "prod", "team": "ml", "cost-center": "cc1"},
                    cost=[5.0 * (1 + rng.gauss(0, 0.03)) for _ in range(days)], usage="CW:MetricMonitorUsage",
                    service="AmazonCloudWatch")
    series.append(seedling)
    per_host = max(60.0, 0.04 * min(sum(h["cost"][:history]) / history for h in hosts))
    plant(added, start, days - 1, 1.0, per_host * len(added), ["tag:team", "ml"])
    return series, labels


def write(series, days, path):
    """The bill as CUR: one line item per series and day."""
    with open(path, "w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["lineItem/UsageStartDate", "lineItem/UsageAccountId", "lineItem/ProductCode", "lineItem/UsageType",
                      "product/region", "resourceTags/user:env", "resourceTags/user:team", "resourceTags/user:cost-center",
                      "lineItem/UnblendedCost"])
        for day in range(days):
            stamp = (START + timedelta(days=day)).isoformat() + "T00:00:00Z"
            for s in series:
                if s["cost"][day] > 0:
                    out.writerow([stamp, s["account"], s["service"], s["usage"], s["region"], s["tags"]["env"], s["tags"]["team"],
                                  s["tags"]["cost-center"], f"{s['cost'][day]:.6f}"])


def matches(detection, label):
    """A detection explains a label when it starts within the label's days (+3) and names its node:
    the node itself, a node above it (the event moved that much of it) or below it (one part
    carried it), or for a tag label the tag value, also when folded ("also seen as")."""
    start = date.fromisoformat(detection["start"])
    first, last = START + timedelta(days=label["start"]), START + timedelta(days=label["end"])
    if not (first <= start <= last + timedelta(days=3)):
        return False
    node = label["node"]
    if node[0].startswith("tag:"):
        views = [detection["path"]] + [[step] for step in detection.get("alsoSeenAs", [])]
        return any(len(v) == 1 and v[0]["dimension"] == node[0] and v[0]["key"] == node[1] for v in views)
    path = detection["path"]
    if not path or path[0]["dimension"] != "account":
        return False
    keys = [step["key"] for step in path]
    n = min(len(keys), len(node))
    return keys[:n] == node[:n]
