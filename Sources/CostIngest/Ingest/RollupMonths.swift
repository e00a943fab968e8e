import CostCache
import CostModel
import Foundation

/// The restatement rule for warehouse roll-ups (`focus-rollup` files, docs/rollup.md): a later export
/// of a month replaces the earlier one, as a newer CUR assembly or Data Exports delivery of a billing
/// period replaces the older (`AWSManifest`).
///
/// Roll-ups come without a manifest, so an *export* is a folder: the warehouse writes one run's files
/// side by side (Athena's `UNLOAD` prefix, BigQuery's `EXPORT DATA` wildcard, Spark's output folder,
/// a DuckDB `COPY` target), and a run may split one month over many part files, which must all stay.
/// For each calendar month, the folder whose roll-up files were modified last (ties: the later path)
/// keeps its rows of that month; rows of the same month from roll-up files in other folders are
/// dropped. Rows of other formats are never touched, and a file rewritten in place is simply re-read.
enum RollupMonths {
    /// What the rule did.
    struct Outcome: Equatable {
        /// (folder, month) pairs whose rows were dropped because a later export holds the month.
        var monthsReplaced = 0
        /// Rows dropped.
        var rowsDropped = 0
    }

    /// Drops the rows of months a later roll-up export replaced.
    /// - Parameter contents: the cache contents about to be written (rows sorted by day).
    /// - Returns: what was dropped.
    static func apply(to contents: inout CacheContents) -> Outcome {
        let sourceColumn = FixedDimension.source.columnIndex
        let paths = contents.dictionaries[sourceColumn]
        let records = Dictionary(contents.sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        // Per source code: its folder's number, or -1 for a source that is not a roll-up.
        var folderOfCode = [Int](repeating: -1, count: paths.count)
        var folders: [String] = []
        var folderNumbers: [String: Int] = [:]
        var folderStamps: [Int64] = []
        for (code, path) in paths.enumerated() {
            guard let record = records[path], record.format == ExportFormat.focusRollup.rawValue else { continue }
            let folder = (path as NSString).deletingLastPathComponent
            let number = folderNumbers[folder] ?? {
                folders.append(folder)
                folderStamps.append(Int64.min)
                folderNumbers[folder] = folders.count - 1
                return folders.count - 1
            }()
            folderOfCode[code] = number
            folderStamps[number] = max(folderStamps[number], record.mtimeNanos)
        }
        guard folders.count > 1 else { return Outcome() }

        // Which folders hold each month.
        let codes = contents.dimensionCodes[sourceColumn]
        var holders: [Int: Set<Int>] = [:]
        for row in 0..<contents.rowCount {
            let folder = folderOfCode[Int(codes[row])]
            if folder >= 0 { holders[Day(index: contents.days[row]).monthIndex, default: []].insert(folder) }
        }
        var winner: [Int: Int] = [:]
        var outcome = Outcome()
        for (month, held) in holders {
            winner[month] = held.max { (folderStamps[$0], folders[$0]) < (folderStamps[$1], folders[$1]) }
            outcome.monthsReplaced += held.count - 1
        }
        guard outcome.monthsReplaced > 0 else { return Outcome() }

        var keep = [Bool](repeating: true, count: contents.rowCount)
        for row in 0..<contents.rowCount {
            let folder = folderOfCode[Int(codes[row])]
            if folder >= 0, winner[Day(index: contents.days[row]).monthIndex] != folder {
                keep[row] = false
                outcome.rowsDropped += 1
            }
        }
        func kept<T>(_ column: [T]) -> [T] { zip(column, keep).compactMap { $1 ? $0 : nil } }
        contents.days = kept(contents.days)
        contents.dimensionCodes = contents.dimensionCodes.map(kept)
        contents.tagSetCodes = kept(contents.tagSetCodes)
        contents.measures = contents.measures.map(kept)
        return outcome
    }
}
