#!/usr/bin/env python3
"""DuckDB side of scripts/bench.py (run with the venv's python).

  duckdb_bench.py rollup DB FILE...   builds the daily roll-up of CUR CSV files into table `rollup`
  duckdb_bench.py rollup-parquet DB FILE...   the same roll-up from CUR 2.0 Parquet files
  duckdb_bench.py rollup-gcp-jsonl|rollup-gcp-parquet DB FILE...   the roll-up of a Google Cloud billing export
  duckdb_bench.py queries DB JSON     times the drill-down steps costtop-bench ran (JSON = its output)
"""
import json, statistics, sys, time

import duckdb

AMORTIZED = """CASE "lineItem/LineItemType"
    WHEN 'SavingsPlanCoveredUsage' THEN "savingsPlan/SavingsPlanEffectiveCost"
    WHEN 'SavingsPlanRecurringFee' THEN "savingsPlan/TotalCommitmentToDate" - "savingsPlan/UsedCommitment"
    WHEN 'SavingsPlanNegation' THEN 0 WHEN 'SavingsPlanUpfrontFee' THEN 0
    WHEN 'DiscountedUsage' THEN "reservation/EffectiveCost"
    WHEN 'RIFee' THEN "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod" + "reservation/UnusedRecurringFee"
    ELSE "lineItem/UnblendedCost" END"""


# Exact decimals for every amount, as costtop keeps them (and so DuckDB's sniffer cannot type a
# sparse cost column as text).
MONEY_COLUMNS = ["lineItem/UnblendedCost", "lineItem/BlendedCost", "lineItem/UsageAmount", "lineItem/UnblendedRate",
                 "pricing/publicOnDemandCost", "reservation/EffectiveCost",
                 "reservation/AmortizedUpfrontFeeForBillingPeriod", "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
                 "reservation/UnusedRecurringFee", "reservation/TotalReservedUnits", "reservation/UnusedQuantity",
                 "savingsPlan/SavingsPlanEffectiveCost", "savingsPlan/TotalCommitmentToDate", "savingsPlan/UsedCommitment"]
MONEY_TYPES = ", ".join(f"'{name}': 'DECIMAL(18,10)'" for name in MONEY_COLUMNS)


def rollup(db, files):
    con = duckdb.connect(db)
    listing = ", ".join("'" + f + "'" for f in files)
    con.execute(f"""
        CREATE TABLE rollup AS
        SELECT CAST("lineItem/UsageStartDate" AS DATE) AS day, "bill/PayerAccountId" AS payer,
               "lineItem/UsageAccountId" AS account, "lineItem/ProductCode" AS service,
               "lineItem/UsageType" AS usage_type, "product/regionCode" AS region,
               "lineItem/LineItemType" AS line_item_type, "pricing/term" AS term,
               coalesce("savingsPlan/SavingsPlanARN", "reservation/ReservationARN") AS commitment,
               "lineItem/CurrencyCode" AS currency,
               "resourceTags/user:team" AS team, "resourceTags/user:env" AS env, "resourceTags/user:app" AS app,
               sum("lineItem/UnblendedCost") AS billed, sum({AMORTIZED}) AS effective,
               sum("pricing/publicOnDemandCost") AS list, sum("lineItem/UsageAmount") AS usage_quantity,
               count(*) AS line_items
        FROM read_csv([{listing}], header = true, types = {{{MONEY_TYPES}}})
        GROUP BY ALL""")
    con.close()


AMORTIZED_SNAKE = """CASE line_item_line_item_type
    WHEN 'SavingsPlanCoveredUsage' THEN savings_plan_savings_plan_effective_cost
    WHEN 'SavingsPlanRecurringFee' THEN savings_plan_total_commitment_to_date - savings_plan_used_commitment
    WHEN 'SavingsPlanNegation' THEN 0 WHEN 'SavingsPlanUpfrontFee' THEN 0
    WHEN 'DiscountedUsage' THEN reservation_effective_cost
    WHEN 'RIFee' THEN reservation_unused_amortized_upfront_fee_for_billing_period + reservation_unused_recurring_fee
    ELSE line_item_unblended_cost END"""


def rollup_parquet(db, files):
    """The same daily roll-up as `rollup`, from CUR 2.0 Parquet (snake_case names, a tag map)."""
    con = duckdb.connect(db)
    listing = ", ".join("'" + f + "'" for f in files)
    con.execute(f"""
        CREATE TABLE rollup AS
        SELECT CAST(line_item_usage_start_date AS DATE) AS day, bill_payer_account_id AS payer,
               line_item_usage_account_id AS account, line_item_product_code AS service,
               line_item_usage_type AS usage_type, product_region_code AS region,
               line_item_line_item_type AS line_item_type, pricing_term AS term,
               coalesce(savings_plan_savings_plan_a_r_n, reservation_reservation_a_r_n) AS commitment,
               line_item_currency_code AS currency,
               resource_tags['user_team'] AS team, resource_tags['user_env'] AS env, resource_tags['user_app'] AS app,
               sum(line_item_unblended_cost) AS billed, sum({AMORTIZED_SNAKE}) AS effective,
               sum(pricing_public_on_demand_cost) AS list, sum(line_item_usage_amount) AS usage_quantity,
               count(*) AS line_items
        FROM read_parquet([{listing}])
        GROUP BY ALL""")
    con.close()


GCP_ROLLUP = """
        CREATE TABLE rollup AS
        SELECT CAST(left(CAST(usage_start_time AS VARCHAR), 10) AS DATE) AS day, billing_account_id AS billing_account,
               project.id AS project, service.description AS service, sku.description AS sku,
               coalesce(location.region, location.location) AS region, currency, cost_type,
               list_filter(labels, lambda l: l.key = 'env')[1].value AS env,
               list_filter(labels, lambda l: l.key = 'app')[1].value AS app,
               sum(cost) AS cost, sum(coalesce(list_sum(list_transform(credits, lambda c: c.amount)), 0)) AS credits,
               sum(coalesce(cost_at_list, cost)) AS list, sum(usage.amount_in_pricing_units) AS quantity, count(*) AS line_items
        FROM {source}
        GROUP BY ALL
"""


def rollup_gcp(db, kind, files):
    """The daily roll-up costtop builds from a Google Cloud billing export, from JSON Lines or Parquet."""
    con = duckdb.connect(db)
    listing = "[" + ", ".join("'" + f + "'" for f in files) + "]"
    source = f"read_json({listing}, format = 'newline_delimited')" if kind == "jsonl" else f"read_parquet({listing})"
    con.execute(GCP_ROLLUP.format(source=source))
    con.close()


def queries(db, spec):
    con = duckdb.connect(db, read_only=True)
    column = {"account": "account", "service": "service", "usage-type": "usage_type", "region": "region", "day": "day"}
    results = []
    for step in spec["queries"]:
        by = step["by"]
        key = by.split(":", 1)[1] if by.startswith("tag:") else column[by]
        where = []
        for text in step["filters"]:
            dim, value = text.split("=", 1)
            where.append(f"{column[dim]} = '{value}'")
        condition = " AND ".join(where) or "true"
        sql = f"""
            SELECT {key} AS key,
                   sum(billed) FILTER (WHERE day >= DATE '{spec['from']}') AS cost,
                   sum(billed) FILTER (WHERE day <= DATE '{spec['compareTo']}') AS previous,
                   cost / sum(cost) OVER () AS share
            FROM rollup
            WHERE day BETWEEN DATE '{spec['compareFrom']}' AND DATE '{spec['to']}' AND {condition}
            GROUP BY ALL ORDER BY cost DESC NULLS LAST"""
        times = []
        for _ in range(50):
            start = time.perf_counter()
            con.execute(sql).fetchall()
            times.append(time.perf_counter() - start)
        results.append({"name": step["name"], "medianMs": statistics.median(times) * 1000})
    print(json.dumps({"queries": results}))


if __name__ == "__main__":
    if sys.argv[1] in ("rollup-gcp-jsonl", "rollup-gcp-parquet"):
        rollup_gcp(sys.argv[2], sys.argv[1].rsplit("-", 1)[1], sys.argv[3:])
    elif sys.argv[1] == "rollup-parquet":
        rollup_parquet(sys.argv[2], sys.argv[3:])
    elif sys.argv[1] == "rollup":
        rollup(sys.argv[2], sys.argv[3:])
    else:
        queries(sys.argv[2], json.loads(sys.argv[3]))
