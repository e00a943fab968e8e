import CostCache
import CostEngine
import CostModel
import CosttopTestSupport
import Foundation
import Testing
@testable import CostIngest

/// The row memo (`RowMemo`) on files made to trip it: row groups whose dictionaries number the
/// same strings differently, rows that differ only in one tag's value or in a column written
/// without a dictionary, null and empty values, and a file whose every row is new. Each answer is
/// checked against Python's `Decimal` sums of the rows the file was written from.
@Suite("Row memo")
struct RowMemoTests {
    /// Writes `rows` CUR 2.0 rows in row groups of `group` rows, and the expected billed sums by
    /// account, resource, usage type, `tag:team`, `tag:env` and day as JSON (amounts as text).
    private static let writer = #"""
    import datetime, json, sys
    from decimal import Decimal
    import pyarrow as pa, pyarrow.parquet as pq
    out, rows, group, unique = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "unique"
    accounts = ["111111111111", "222222222222", "333333333333"]
    columns = {k: [] for k in ["bill_payer_account_id", "line_item_usage_account_id", "line_item_line_item_type",
        "line_item_usage_start_date", "line_item_product_code", "line_item_usage_type", "line_item_resource_id",
        "line_item_unblended_cost", "line_item_usage_amount", "line_item_currency_code", "product_region_code",
        "pricing_public_on_demand_cost", "resource_tags"]}
    expected = {}
    def add(dimension, key, amount):
        table = expected.setdefault(dimension, {})
        table[key] = table.get(key, Decimal(0)) + amount
    for i in range(rows):
        g = i // group
        # Each row group meets the accounts in another order: its dictionary numbers them differently.
        order = accounts[g % 3:] + accounts[:g % 3]
        account = order[i % 3]
        usage = f"Usage-{i}" if unique else f"Usage-{i % 4}"
        resource = None if i % 11 == 0 else ("" if i % 13 == 0 else f"i-{i % 17:04d}")
        team, env = f"team-{i % 7}", ["prod", "dev", "test", "stage", "qa"][i % 5]
        tags = [("user_team", team), ("user_env", env)] if i % 9 else [("user_team", team)]
        cents = (i * 37) % 1000 + 1
        day = datetime.datetime(2024, 7, 1 + (i // 500) % 28, i % 24, tzinfo=datetime.timezone.utc)
        for key, value in [("bill_payer_account_id", "999999999999"), ("line_item_usage_account_id", account),
                           ("line_item_line_item_type", "Usage"), ("line_item_usage_start_date", day),
                           ("line_item_product_code", "AmazonEC2"), ("line_item_usage_type", usage),
                           ("line_item_resource_id", resource), ("line_item_unblended_cost", cents / 100),
                           ("line_item_usage_amount", 1.0), ("line_item_currency_code", "USD"),
                           ("product_region_code", "us-east-1"), ("pricing_public_on_demand_cost", cents / 100),
                           ("resource_tags", tags)]:
            columns[key].append(value)
        amount = Decimal(cents) / 100
        add("account", account, amount)
        add("resource", resource or "(none)", amount)
        add("usage-type", usage, amount)
        add("tag:team", team, amount)
        add("tag:env", env if i % 9 else "(untagged)", amount)
        add("day", day.date().isoformat(), amount)
    schema = pa.schema([(k, pa.string()) for k in columns if k not in ("line_item_usage_start_date",
        "line_item_unblended_cost", "line_item_usage_amount", "pricing_public_on_demand_cost", "resource_tags")]
        + [("line_item_usage_start_date", pa.timestamp("us", tz="UTC")), ("line_item_unblended_cost", pa.float64()),
           ("line_item_usage_amount", pa.float64()), ("pricing_public_on_demand_cost", pa.float64()),
           ("resource_tags", pa.map_(pa.string(), pa.string()))])
    table = pa.table({name: columns[name] for name in schema.names}, schema=schema)
    # The resource ids without a dictionary: their rows are told apart by their bytes.
    dictionary = [name for name in schema.names if name != "line_item_resource_id"]
    pq.write_table(table, out + "/bill.parquet", row_group_size=group, use_dictionary=dictionary)
    json.dump({d: {k: str(v) for k, v in t.items()} for d, t in expected.items()}, open(out + "/expected.json", "w"))
    """#

    /// Ingests a generated file and compares every expected sum, to the nano-unit.
    private static func check(rows: Int, group: Int, unique: Bool) throws {
        let folder = Support.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/bill", withIntermediateDirectories: true)
        let result = Support.run("/usr/bin/env", ["python3", "-c", writer, folder + "/bill", "\(rows)", "\(group)", unique ? "unique" : "repeat"])
        try #require(result.status == 0, "\(result.err)")
        let expectedData = try Data(contentsOf: URL(fileURLWithPath: folder + "/bill/expected.json"))
        try FileManager.default.removeItem(atPath: folder + "/bill/expected.json")
        let expected = try JSONDecoder().decode([String: [String: String]].self, from: expectedData)
        let (summary, cache) = try Support.ingest([folder + "/bill"]) { $0.keepResources = true }
        #expect(summary.lineItems == rows)
        let period = try #require(cache.dayRange)
        for (name, sums) in expected {
            let dimension = try #require(CostDimension(name))
            let answer = try QueryEngine(cache: cache).run(QuerySpec(groupBy: dimension, period: period, comparison: nil, metric: .billed))
            var actual: [String: Int128] = [:]
            for row in answer.rows { actual[row.key] = row.cost }
            let wanted = sums.mapValues { text -> Int128 in
                let parts = text.split(separator: ".", omittingEmptySubsequences: false)
                let fraction = parts.count > 1 ? String(parts[1]).padding(toLength: 9, withPad: "0", startingAt: 0) : "000000000"
                return Int128(parts[0])! * 1_000_000_000 + Int128(fraction)!
            }
            #expect(actual == wanted, "\(name)")
        }
    }

    @Test("row groups that number the same strings differently, tags that differ in one value, plain-encoded ids")
    func repeatingRows() throws {
        try Self.check(rows: 6_000, group: 1_000, unique: false)
    }

    @Test("a file whose every row is new (the memo switches itself off) reads the same")
    func uniqueRows() throws {
        try Self.check(rows: 80_000, group: 80_000, unique: true)
    }
}
