import Foundation
/// The dialects of the engines `costtop sql` supports. The tests run the DuckDB and Spark SQL over
/// generated exports; no Trino, Athena or BigQuery is at hand here, so theirs is parsed in the
/// engine's grammar (sqlglot) but not run (docs/rollup.md).
extension SQLDialect {
    /// Trino and Athena (engine version 3): `"quoted"` names, `transform_keys`, `CAST(map AS JSON)`.
    public static let trino = SQLDialect(
        name: "Trino",
        quote: { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" },
        day: { "CAST(\($0) AS DATE)" },
        parseDay: { "COALESCE(TRY(CAST(date_parse(\($0), '%m/%d/%Y') AS DATE)), TRY(CAST(substr(\($0), 1, 10) AS DATE)))" },
        nextDay: { "date_add('day', 1, \($0))" },
        moneyType: "DECIMAL(38, 9)", quantityType: "DECIMAL(38, 3)",
        jsonObject: { pairs in
            let keys = pairs.map { "'\($0.key)'" }.joined(separator: ", ")
            let values = pairs.map { "CAST(\($0.value) AS VARCHAR)" }.joined(separator: ", ")
            return "json_format(CAST(map_filter(MAP(ARRAY[\(keys)], ARRAY[\(values)]), (k, v) -> v <> '') AS JSON))"
        },
        tagsJSON: { sources in
            let maps = sources.map { source in
                let map = source.isEntryList ? "map_from_entries(\(source.expression))" : source.expression
                return "transform_keys(COALESCE(\(map), MAP()), (k, v) -> \(source.key("k")))"
            }
            let union = maps.count == 1 ? maps[0] : "map_concat(\(maps.joined(separator: ", ")))"
            return "json_format(CAST(map_filter(\(union), (k, v) -> v <> '') AS JSON))"
        },
        listSum: { list, element, value, condition in
            let filtered = condition.map { "filter(\(list), \(element) -> \($0))" } ?? list
            return "reduce(COALESCE(\(filtered), ARRAY[]), CAST(0 AS DECIMAL(38, 9)), "
                + "(s, \(element)) -> s + CAST(\(value) AS DECIMAL(38, 9)), s -> s)"
        })

    /// BigQuery (GoogleSQL): backquoted names, NUMERIC (nine decimals), maps as lists of key/value structs.
    public static let bigQuery = SQLDialect(
        name: "BigQuery",
        quote: { "`" + $0 + "`" },
        day: { "DATE(\($0))" },
        parseDay: { "COALESCE(SAFE.PARSE_DATE('%m/%d/%Y', \($0)), SAFE.PARSE_DATE('%Y-%m-%d', SUBSTR(\($0), 1, 10)))" },
        nextDay: { "DATE_ADD(\($0), INTERVAL 1 DAY)" },
        moneyType: "NUMERIC", quantityType: "NUMERIC",
        jsonObject: { pairs in
            let keys = pairs.map { "'\($0.key)'" }.joined(separator: ", ")
            let values = pairs.map { "NULLIF(CAST(\($0.value) AS STRING), '')" }.joined(separator: ", ")
            return "TO_JSON_STRING(JSON_STRIP_NULLS(JSON_OBJECT([\(keys)], [\(values)])))"
        },
        tagsJSON: { sources in
            let entries = sources.map { "SELECT \($0.key("e.key")) AS k, e.value AS v FROM UNNEST(\($0.expression)) AS e" }
            return "(SELECT IF(COUNT(*) = 0, '{}', TO_JSON_STRING(JSON_OBJECT(ARRAY_AGG(k), ARRAY_AGG(v)))) FROM ("
                + entries.joined(separator: " UNION ALL ") + ") WHERE v IS NOT NULL AND v <> '')"
        },
        listSum: { list, element, value, condition in
            "(SELECT IFNULL(SUM(CAST(\(value) AS NUMERIC)), 0) FROM UNNEST(\(list)) AS \(element)"
                + (condition.map { " WHERE \($0)" } ?? "") + ")"
        })

    /// Spark SQL (3.4 and later): backquoted names, higher-order functions, `to_json(map)`. Needs the
    /// session time zone UTC (`spark.sql.session.timeZone`), or `to_date` shifts days.
    public static let spark = SQLDialect(
        name: "Spark",
        quote: { "`" + $0.replacingOccurrences(of: "`", with: "``") + "`" },
        day: { "to_date(\($0))" },
        parseDay: { "to_date(COALESCE(try_to_timestamp(\($0), 'MM/dd/yyyy'), try_to_timestamp(substr(\($0), 1, 10), 'yyyy-MM-dd')))" },
        nextDay: { "date_add(\($0), 1)" },
        moneyType: "DECIMAL(38, 9)", quantityType: "DECIMAL(38, 3)",
        jsonObject: { pairs in
            let arguments = pairs.map { "'\($0.key)', CAST(\($0.value) AS STRING)" }.joined(separator: ", ")
            return "to_json(map_filter(map(\(arguments)), (k, v) -> v <> ''))"
        },
        tagsJSON: { sources in
            let maps = sources.map { source in
                let map = source.isEntryList ? "map_from_entries(\(source.expression))" : source.expression
                return "transform_keys(COALESCE(\(map), map()), (k, v) -> \(source.key("k")))"
            }
            let union = maps.count == 1 ? maps[0] : "map_concat(\(maps.joined(separator: ", ")))"
            return "to_json(map_filter(\(union), (k, v) -> v <> ''))"
        },
        listSum: { list, element, value, condition in
            let filtered = condition.map { "filter(\(list), \(element) -> \($0))" } ?? list
            return "aggregate(COALESCE(\(filtered), array()), CAST(0 AS DECIMAL(38, 9)), "
                + "(s, \(element)) -> CAST(s + CAST(\(value) AS DECIMAL(38, 9)) AS DECIMAL(38, 9)))"
        })

    /// DuckDB (1.3 and later): `"quoted"` names, `lambda x: …` list functions, `to_json(map)`.
    public static let duckDB = SQLDialect(
        name: "DuckDB",
        quote: { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" },
        day: { "CAST(\($0) AS DATE)" },
        parseDay: { "COALESCE(CAST(TRY_STRPTIME(\($0), '%m/%d/%Y') AS DATE), TRY_CAST(substr(\($0), 1, 10) AS DATE))" },
        nextDay: { "CAST(\($0) + INTERVAL 1 DAY AS DATE)" },
        moneyType: "DECIMAL(38, 9)", quantityType: "DECIMAL(38, 3)",
        jsonObject: { pairs in
            let entries = pairs.map { "{'key': '\($0.key)', 'value': CAST(\($0.value) AS VARCHAR)}" }.joined(separator: ", ")
            return "to_json(map_from_entries(list_filter([\(entries)], lambda e: e.value <> '')))"
        },
        tagsJSON: { sources in
            let lists = sources.map { source in
                let entries = source.isEntryList ? source.expression : "map_entries(\(source.expression))"
                return "COALESCE(list_transform(\(entries), lambda e: {'key': \(source.key("e.key")), 'value': e.value}), [])"
            }
            let all = lists.count == 1 ? lists[0] : "list_concat(\(lists.joined(separator: ", ")))"
            return "to_json(map_from_entries(list_filter(\(all), lambda e: e.value <> '')))"
        },
        listSum: { list, element, value, condition in
            let filtered = condition.map { "list_filter(\(list), lambda \(element): \($0))" } ?? list
            return "COALESCE(list_sum(list_transform(\(filtered), lambda \(element): CAST(\(value) AS DECIMAL(38, 9)))), 0)"
        })
}
