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
struct RollupMonths {
    /// What the rule did.
    struct Outcome: Equatable {
        /// (folder, month) pairs whose rows were dropped because a later export holds the month.
        var monthsReplaced = 0
        /// Rows dropped.
        var rowsDropped = 0
    }

    /// What the rule does to the rows about to be written.
    private(set) var outcome = Outcome()
    /// The rows kept.
    private(set) var keptRows = 0
    /// The first and last day of the rows kept (nil for none).
    private(set) var keptDays: ClosedRange<Int32>?
    /// Per source code: its folder's number, or -1 for a source that is not a roll-up.
    private var folderOfCode: [Int] = []
    /// Per month: the folder whose rows of it stay (months held by one folder only are absent
    /// when nothing is dropped at all).
    private var winner: [Int: Int] = [:]

    /// Decides, before the rows are built, which rows go: from the sources of `frame`, the rows
    /// of each day (in order) and, only when two roll-up folders could hold the same month, how
    /// many rows each source code holds on each day.
    init(frame: CacheContents, rowsPerDay: [(day: Int32, rows: Int)],
         rowsBySource: (_ sources: Int) -> [(day: Int32, rows: [Int])]) {
        let sourceColumn = FixedDimension.source.columnIndex
        let paths = frame.dictionaries[sourceColumn]
        let records = Dictionary(frame.sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        folderOfCode = [Int](repeating: -1, count: paths.count)
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
        let bySource = folders.count > 1 ? rowsBySource(paths.count) : []
        // Which folders hold each month.
        var holders: [Int: Set<Int>] = [:]
        for (day, rows) in bySource {
            for (code, count) in rows.enumerated() where count > 0 && folderOfCode[code] >= 0 {
                holders[Day(index: day).monthIndex, default: []].insert(folderOfCode[code])
            }
        }
        for (month, held) in holders {
            winner[month] = held.max { (folderStamps[$0], folders[$0]) < (folderStamps[$1], folders[$1]) }
            outcome.monthsReplaced += held.count - 1
        }
        if outcome.monthsReplaced == 0 { winner = [:] }
        for (index, (day, rows)) in rowsPerDay.enumerated() {
            var kept = rows
            if !winner.isEmpty {
                kept = bySource[index].rows.enumerated().reduce(0) { $0 + (keeps(code: UInt32($1.offset), day: day) ? $1.element : 0) }
            }
            keptRows += kept
            outcome.rowsDropped += rows - kept
            if kept > 0 { keptDays = (keptDays?.lowerBound ?? day)...day }
        }
    }

    /// Whether a row of source `code` on `day` stays.
    private func keeps(code: UInt32, day: Int32) -> Bool {
        guard !winner.isEmpty else { return true }
        let folder = folderOfCode[Int(code)]
        return folder < 0 || winner[Day(index: day).monthIndex] == folder
    }

    /// Drops the rows of `chunk` (rows only, sorted by day) whose month a later export replaced.
    func filter(_ chunk: inout CacheContents) {
        guard outcome.rowsDropped > 0 else { return }
        let codes = chunk.dimensionCodes[FixedDimension.source.columnIndex]
        let keep = (0..<chunk.rowCount).map { keeps(code: codes[$0], day: chunk.days[$0]) }
        func kept<T>(_ column: [T]) -> [T] { zip(column, keep).compactMap { $1 ? $0 : nil } }
        chunk.days = kept(chunk.days)
        chunk.dimensionCodes = chunk.dimensionCodes.map(kept)
        chunk.tagSetCodes = kept(chunk.tagSetCodes)
        chunk.measures = chunk.measures.map(kept)
    }
}
