import CostModel
import Foundation

/// Business metrics (orders, requests) by day, kept beside the cache for unit costs.
///
/// The file format, for import and for the store: `date,metric,value[,category value]`, one line
/// per day; a `date` written `YYYY-MM` is a monthly value, spread evenly over the month's days (so
/// a month's total is kept and daily unit costs stay comparable). A day with no line has no volume:
/// unit costs there are shown as —, never divided by zero.
public struct BusinessMetrics: Sendable, Equatable {
    /// Volume per (metric, category value or "" for the whole bill, day).
    public var values: [String: [String: [Day: Double]]]

    /// Metrics from `values`.
    public init(values: [String: [String: [Day: Double]]] = [:]) { self.values = values }

    /// Parses metrics CSV text (a header line `date,metric,value[,category]` is allowed).
    /// - Throws: `QueryError` naming the line and what is wrong.
    public static func parse(_ text: String, file: String) throws -> BusinessMetrics {
        var metrics = BusinessMetrics()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || (index == 0 && line.lowercased().hasPrefix("date,")) { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 3 || fields.count == 4, !fields[1].isEmpty, let value = Double(fields[2]), value.isFinite, value >= 0 else {
                throw QueryError("\(file):\(index + 1): expected date,metric,value[,category value] with a value of 0 or more, found \"\(line)\"")
            }
            let category = fields.count == 4 ? fields[3] : ""
            let days: [Day]
            if let day = Day(fields[0]) {
                days = [day]
            } else if fields[0].count == 7, let first = Day(fields[0] + "-01") {
                let (year, month, _) = first.components
                days = (0..<Day.daysInMonth(year: year, month: month)).map { first.adding(days: $0) }
            } else {
                throw QueryError("\(file):\(index + 1): bad date \"\(fields[0])\"; write YYYY-MM-DD or YYYY-MM (a month, spread over its days)")
            }
            for day in days { metrics.values[fields[1], default: [:]][category, default: [:]][day, default: 0] += value / Double(days.count) }
        }
        return metrics
    }

    /// The metrics as store text, sorted (metric, category, day).
    public var text: String {
        var lines = ["date,metric,value,category"]
        for metric in values.keys.sorted() {
            for category in values[metric]!.keys.sorted() {
                for (day, value) in values[metric]![category]!.sorted(by: { $0.key < $1.key }) {
                    lines.append("\(day),\(metric),\(value),\(category)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// These metrics with every metric in `other` replaced by `other`'s values (an import).
    public func merging(_ other: BusinessMetrics) -> BusinessMetrics {
        var merged = self
        for (metric, byCategory) in other.values { merged.values[metric] = byCategory }
        return merged
    }

    /// The volume of `metric` over `range` for category value `key` when the metric has values per
    /// category value, else for the whole bill; nil when no day of the range has a value.
    public func volume(_ metric: String, key: String?, in range: DayRange) -> Double? {
        guard let byCategory = values[metric] else { return nil }
        let series = key.flatMap { byCategory[$0] } ?? byCategory[""]
        guard let series else { return nil }
        var total = 0.0, any = false
        for offset in 0..<range.dayCount {
            if let value = series[range.from.adding(days: offset)] { total += value; any = true }
        }
        return any ? total : nil
    }

    /// Where the metrics of the cache at `cachePath` are kept: beside it, `CACHE.metrics.csv`.
    public static func storePath(cachePath: String) -> String { cachePath + ".metrics.csv" }

    /// The stored metrics beside the cache, which must hold `metric` (`--per METRIC`).
    /// - Throws: `QueryError` for a damaged store or a metric never imported.
    public static func load(_ metric: String, cachePath: String) throws -> BusinessMetrics {
        let metrics = try load(cachePath: cachePath)
        guard metrics.values[metric] != nil else {
            let known = metrics.values.keys.sorted()
            throw QueryError("no metric \"\(metric)\" beside this cache (\(known.isEmpty ? "none imported" : "metrics: " + known.joined(separator: ", "))); "
                + "import it with `costtop metrics import FILE.csv`")
        }
        return metrics
    }

    /// The stored metrics beside the cache; none when there is no store.
    /// - Throws: `QueryError` for a damaged store.
    public static func load(cachePath: String) throws -> BusinessMetrics {
        let path = storePath(cachePath: cachePath)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return BusinessMetrics() }
        return try parse(text, file: path)
    }
}
