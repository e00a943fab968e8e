import CostModel
import CostSQL
import Testing

/// The shape of every printed roll-up: all 25 engine × export pairs. (DuckDB and Spark also run
/// it, in EndToEndTests/RollupSQLTests; no Trino, Athena or BigQuery is at hand to run theirs.)
@Suite("Roll-up SQL text")
struct RollupQueryTests {
    static let pairs: [(SQLEngine, RollupSource)] = SQLEngine.allCases.flatMap { engine in RollupSource.allCases.map { (engine, $0) } }

    @Test("every engine and export: each interchange column once, grouped by the dimensions, a header on how to export",
          arguments: pairs)
    func shape(engine: SQLEngine, source: RollupSource) {
        let query = RollupQuery(engine: engine, source: source, days: DayRange(from: Day("2024-07-01")!, to: Day("2024-08-31")!))
        let text = query.text
        let quote: (String) -> String = engine == .bigquery || engine == .spark ? { "`\($0)`" } : { "\"\($0)\"" }
        for column in RollupColumn.allCases where column != .resourceId {
            #expect(text.contains("AS \(quote(column.name))"), "\(engine) \(source) \(column)")
        }
        #expect(!text.contains("ResourceId"), "ResourceId only with --resources")
        let groupBy = text.components(separatedBy: "GROUP BY ").last ?? ""
        #expect(groupBy.contains(quote("Tags")) && !groupBy.contains(quote("BilledCost")))
        // Balanced parentheses and quotes outside the header comment.
        let body = query.select
        #expect(body.filter { $0 == "(" }.count == body.filter { $0 == ")" }.count, "\(engine) \(source)")
        #expect(body.filter { $0 == "'" }.count % 2 == 0, "\(engine) \(source)")
        // A simple CASE with a list of values is not SQL anywhere.
        #expect(body.range(of: #"WHEN '[^']*', '"#, options: .regularExpression) == nil)
        let export = ["athena": "UNLOAD", "trino": "CREATE TABLE", "bigquery": "EXPORT DATA", "spark": "df.write", "duckdb": "COPY ("]
        #expect(text.hasPrefix("-- costtop daily roll-up"))
        #expect(text.contains(export[engine.rawValue]!), "\(engine) header says how to export")
        #expect(text.contains("WHERE \(quote("ChargePeriodStart")) BETWEEN DATE '2024-07-01' AND DATE '2024-08-31'"))
    }

    @Test("partition pruning by billing period, as each export is partitioned")
    func partitions() {
        let range = DayRange(from: Day("2024-12-10")!, to: Day("2025-01-20")!)
        let cur = RollupQuery(engine: .athena, source: .cur, days: range).select
        #expect(cur.contains(#"(("year" = '2024' AND "month" IN ('12')) OR ("year" = '2025' AND "month" IN ('1')))"#))
        let cur2 = RollupQuery(engine: .athena, source: .cur2, days: range).select
        #expect(cur2.contains(#""billing_period" IN ('2024-12', '2025-01')"#))
        let gcp = RollupQuery(engine: .bigquery, source: .gcp, days: range).select
        #expect(gcp.contains("`invoice`.`month` IN ('202412', '202501')"))
        #expect(gcp.contains("_PARTITIONTIME >= TIMESTAMP '2024-12-10 00:00:00'"))
        let focus = RollupQuery(engine: .spark, source: .focus, days: range).select
        #expect(focus.contains("`BillingPeriodStart` >= TIMESTAMP '2024-12-01 00:00:00'"))
        #expect(focus.contains("`BillingPeriodStart` < TIMESTAMP '2025-02-01 00:00:00'"))
        // Without --from/--to: no predicate at all.
        #expect(!RollupQuery(engine: .athena, source: .cur2).select.contains("WHERE"))
    }

    @Test("tags as each engine keeps them")
    func tags() {
        let legacy = RollupQuery(engine: .athena, source: .cur, tagKeys: ["team", "cost_center"]).select
        #expect(legacy.contains(#"MAP(ARRAY['team', 'cost_center'], ARRAY[CAST("resource_tags_user_team" AS VARCHAR), "#))
        #expect(!RollupQuery(engine: .athena, source: .cur).select.contains("resource_tags"))
        let cur2 = RollupQuery(engine: .trino, source: .cur2).select
        #expect(cur2.contains(#"transform_keys(COALESCE("resource_tags", MAP())"#))
        #expect(cur2.contains("concat('cost-category:', k)"))
        let labels = RollupQuery(engine: .bigquery, source: .gcp).select
        #expect(labels.contains("FROM UNNEST(`labels`) AS e"))
        #expect(labels.contains("concat('project:', e.key)"))
        let azure = RollupQuery(engine: .duckdb, source: .azure, azureAmortized: true).select
        #expect(azure.contains(#"concat('{', "Tags", '}')"#))
    }

    @Test("--resources keeps ResourceId; Google Cloud's credits are a second SELECT")
    func resourcesAndCredits() {
        let query = RollupQuery(engine: .duckdb, source: .cur2, resources: true)
        #expect(query.columns.contains(.resourceId))
        #expect(query.select.contains(#""line_item_resource_id" AS VARCHAR) AS "ResourceId""#))
        let gcp = RollupQuery(engine: .spark, source: .gcp).select
        #expect(gcp.components(separatedBy: "UNION ALL").count == 2)
        #expect(gcp.contains("CAST('Credit' AS STRING) AS `ChargeCategory`"))
    }
}
