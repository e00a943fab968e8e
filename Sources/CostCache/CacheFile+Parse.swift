import Dispatch
import CostModel
import Foundation

extension CacheFile {
    struct Parsed {
        var footer: CacheFooter
        var tagSets: UnsafeBufferPointer<UInt32>
        var tagKeys: [String]
        var dictionaries: [StringTable]
        var labels: [StringTable?]
        var tagValues: [StringTable]
        var raw: ParsedTable
        var aggregates: [ParsedTable]
    }

    /// One row table's columns (the raw rows or an aggregate), not yet checked row by row.
    struct ParsedTable {
        var rowCount: Int
        var firstDay: Int32
        var days: DayColumn
        var dimensions: [CodeColumn?]
        var tagSetCodes: CodeColumn?
        var measures: [UnsafeBufferPointer<Int64>]
        var dayStarts: UnsafeBufferPointer<Int64>
        var groupSums: UnsafeBufferPointer<Int64>
        var cluster: [FixedDimension]
        var verifierColumns: [(CacheColumn, RowGroupVerifier.Column)]
    }

    /// Day numbers of 0001-01-01 and 9999-12-31, the dates an ingest can write.
    static let earliestDay = Day(year: 1, month: 1, day: 1)!.index
    static let latestDay = Day(year: 9999, month: 12, day: 31)!.index

    // MARK: - Validation

    static func parse(_ file: UnsafeRawBufferPointer, path: String) throws -> Parsed {
        func corrupt(_ reason: String) -> CacheError { .corrupt(path: path, reason: reason) }

        let minimum = CacheFormat.headerSize + CacheFormat.trailerSize
        guard file.count >= minimum else { throw corrupt("file is \(file.count) bytes, too short") }
        guard Array(file[0..<8]) == CacheFormat.magic else { throw corrupt("bad magic at start") }
        let headerVersion = UInt32(littleEndian: file.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        guard CacheFormat.readableVersions.contains(headerVersion) else {
            throw CacheError.unsupportedVersion(path: path, found: headerVersion, supported: CacheFormat.readableVersions)
        }
        let trailerStart = file.count - CacheFormat.trailerSize
        guard Array(file[(file.count - 8)...]) == CacheFormat.magic else {
            throw corrupt("bad magic at end (truncated or unfinished file)")
        }
        // The trailer is the one part no checksum covers: every number in it is checked against the
        // file before use, and one too large for an Int is damage, not a crash.
        guard let footerOffset = Int(exactly: UInt64(littleEndian: file.loadUnaligned(fromByteOffset: trailerStart, as: UInt64.self))),
              let footerLength = Int(exactly: UInt64(littleEndian: file.loadUnaligned(fromByteOffset: trailerStart + 8, as: UInt64.self)))
        else { throw corrupt("footer position out of bounds") }
        let footerChecksum = UInt64(littleEndian: file.loadUnaligned(fromByteOffset: trailerStart + 16, as: UInt64.self))
        let trailerVersion = UInt32(littleEndian: file.loadUnaligned(fromByteOffset: trailerStart + 24, as: UInt32.self))
        guard trailerVersion == headerVersion else { throw corrupt("versions at start and end differ") }
        guard footerOffset >= CacheFormat.headerSize, footerLength > 0,
              footerOffset <= trailerStart, footerLength <= trailerStart - footerOffset
        else { throw corrupt("footer position out of bounds") }
        let footerBytes = UnsafeRawBufferPointer(rebasing: file[footerOffset..<(footerOffset + footerLength)])
        guard XXH64.hash(footerBytes) == footerChecksum else { throw corrupt("footer checksum mismatch") }
        let footer: CacheFooter
        do {
            footer = try JSONDecoder().decode(CacheFooter.self, from: Data(footerBytes))
        } catch {
            throw corrupt("footer is not readable: \(error)")
        }

        guard footer.rowGroupRows > 0 else { throw corrupt("row groups of \(footer.rowGroupRows) rows") }
        var blocks: [String: UnsafeRawBufferPointer] = [:]
        var kinds: [String: BlockKind] = [:]
        for entry in footer.blocks {
            kinds[entry.name] = entry.kind
            guard entry.offset >= CacheFormat.headerSize, entry.length >= 0,
                  entry.offset % CacheFormat.alignment == 0,
                  entry.offset <= footerOffset, entry.length <= footerOffset - entry.offset
            else { throw corrupt("block \(entry.name) out of bounds") }
            blocks[entry.name] = UnsafeRawBufferPointer(rebasing: file[entry.offset..<(entry.offset + entry.length)])
        }
        // Small blocks are checked now; row-aligned ones per row group when first read.
        let eager = footer.blocks.filter { $0.checksum != CacheFormat.perRowGroupChecksum }
        if let damaged = firstChecksumMismatch(eager, in: file) {
            throw corrupt("checksum mismatch in block \(damaged)")
        }

        func column<T>(_ name: String, _ type: T.Type, count: Int) throws -> UnsafeBufferPointer<T> {
            guard let bytes = blocks[name] else { throw corrupt("missing block \(name)") }
            let (expected, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
            guard count >= 0, !overflow, bytes.count == expected else {
                throw corrupt("block \(name) holds \(bytes.count) bytes, not \(count) values")
            }
            guard count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: bytes.baseAddress!.assumingMemoryBound(to: T.self), count: count)
        }
        // A row-aligned code column: 4 bytes in format 2; 1, 2 or 4 (its kind says) in format 3.
        func codes(_ name: String, count: Int, isDay: Bool = false) throws -> (column: CodeColumn, bytes: UnsafeRawBufferPointer) {
            guard let bytes = blocks[name], let kind = kinds[name] else { throw corrupt("missing block \(name)") }
            let allowed: [BlockKind] = headerVersion >= 3 ? [.uint8, .uint16, .uint32] : isDay ? [.int32] : [.uint32]
            guard allowed.contains(kind), let width = kind.width else {
                throw corrupt("block \(name) is of kind \(kind.rawValue), not \(allowed.map(\.rawValue).joined(separator: " or "))")
            }
            let (expected, overflow) = count.multipliedReportingOverflow(by: width)
            guard count >= 0, !overflow, bytes.count == expected else {
                throw corrupt("block \(name) holds \(bytes.count) bytes, not \(count) values")
            }
            return (CodeColumn(base: count > 0 ? bytes.baseAddress : nil, count: count, width: width), bytes)
        }
        func table(_ name: String) throws -> StringTable {
            guard let bytes = blocks[name] else { throw corrupt("missing block \(name)") }
            do { return try StringTable(block: bytes) } catch let failure as StringTable.TableError {
                throw corrupt("\(name): \(failure.reason)")
            } catch { throw corrupt("\(name): \(error)") }
        }

        var dictionaries: [StringTable] = []
        var labels: [StringTable?] = []
        for dimension in FixedDimension.allCases {
            dictionaries.append(try table("dict:\(dimension.rawValue)"))
            labels.append(blocks["labels:\(dimension.rawValue)"] == nil ? nil : try table("labels:\(dimension.rawValue)"))
        }
        let tagKeys = try table("tagkeys").all
        guard tagKeys.count == footer.tagKeyCount, footer.tagSetCount >= 1, footer.rowCount >= 0 else {
            throw corrupt("tag directory inconsistent")
        }
        let (tagSetValues, tagSetsOverflow) = footer.tagSetCount.multipliedReportingOverflow(by: tagKeys.count)
        guard !tagSetsOverflow else { throw corrupt("tag directory inconsistent") }
        let tagSets = try column("tagsets", UInt32.self, count: tagSetValues)
        var tagValues: [StringTable] = []
        for keyIndex in 0..<tagKeys.count {
            let values = try table("tagdict:\(keyIndex)")
            for set in 0..<footer.tagSetCount where tagSets[set * tagKeys.count + keyIndex] >= values.count {
                throw corrupt("tag set \(set) refers to a value outside tag key \(tagKeys[keyIndex])")
            }
            tagValues.append(values)
        }

        var rowAligned: Set<String> = []
        func rowTable(prefix: String, rows: Int, firstDay: Int32, kept: [FixedDimension], withTags: Bool) throws -> ParsedTable {
            func name(_ base: String) -> String {
                rowAligned.insert(prefix + base)
                return prefix + base
            }
            var columns: [(CacheColumn, RowGroupVerifier.Column)] = []
            func add(_ id: CacheColumn, _ name: String, _ bytes: UnsafeRawBufferPointer, _ width: Int, _ content: RowGroupVerifier.Content) {
                columns.append((id, RowGroupVerifier.Column(name: name, bytes: bytes, width: width, content: content)))
            }
            // Format 3 stores days as offsets from the table's first day; format 2 as days since 1970.
            let dayColumn = try codes(name("day"), count: rows, isDay: true)
            let days = DayColumn(offsets: dayColumn.column, origin: headerVersion >= 3 ? firstDay : 0)
            add(.day, prefix + "day", dayColumn.bytes, dayColumn.column.width, .days(origin: days.origin))
            var dimensions = [CodeColumn?](repeating: nil, count: FixedDimension.allCases.count)
            for dimension in FixedDimension.allCases where kept.contains(dimension) {
                let blockName = name("dim:\(dimension.rawValue)")
                let column = try codes(blockName, count: rows)
                dimensions[dimension.columnIndex] = column.column
                add(.dimension(dimension), blockName, column.bytes, column.column.width,
                    .codes(limit: dictionaries[dimension.columnIndex].count))
            }
            var tagSetCodes: CodeColumn?
            if withTags {
                let column = try codes(name("tagset"), count: rows)
                tagSetCodes = column.column
                add(.tagSet, prefix + "tagset", column.bytes, column.column.width, .codes(limit: footer.tagSetCount))
            }
            var measures: [UnsafeBufferPointer<Int64>] = []
            for measure in Measure.allCases {
                let values = try column(name("measure:\(measure.rawValue)"), Int64.self, count: rows)
                measures.append(values)
                add(.measure(measure), prefix + "measure:\(measure.rawValue)", UnsafeRawBufferPointer(values), 8, .values)
            }
            let dayStarts = try column(prefix + "daystarts", Int64.self, count: blocks[prefix + "daystarts"].map { $0.count / 8 } ?? 0)
            try checkDayIndex(dayStarts, rows: rows, firstDay: firstDay, name: prefix + "daystarts", path: path)
            let groups = (rows + footer.rowGroupRows - 1) / footer.rowGroupRows
            let sums = try column(prefix + "groupsums", Int64.self, count: groups * columns.count)
            return ParsedTable(rowCount: rows, firstDay: firstDay, days: days, dimensions: dimensions, tagSetCodes: tagSetCodes,
                               measures: measures, dayStarts: dayStarts, groupSums: sums,
                               cluster: withTags ? CacheFormat.clusterDimensions : kept, verifierColumns: columns)
        }

        let raw = try rowTable(prefix: "", rows: footer.rowCount, firstDay: footer.firstDay,
                               kept: FixedDimension.allCases, withTags: true)
        var aggregates: [ParsedTable] = []
        for entry in footer.aggregates {
            let kept = try entry.dimensions.map { name in
                guard let dimension = FixedDimension(rawValue: name) else { throw corrupt("aggregate \(entry.prefix) keeps unknown dimension \(name)") }
                return dimension
            }
            guard entry.rowCount >= 0, Set(kept).count == kept.count, kept.contains(.currency) else {
                throw corrupt("aggregate \(entry.prefix) is inconsistent")
            }
            aggregates.append(try rowTable(prefix: entry.prefix, rows: entry.rowCount, firstDay: entry.firstDay,
                                           kept: kept, withTags: false))
        }
        // A block checked only per row group must be one of the row-aligned columns.
        if let unchecked = footer.blocks.first(where: { $0.checksum == CacheFormat.perRowGroupChecksum && !rowAligned.contains($0.name) }) {
            throw corrupt("block \(unchecked.name) has no checksum")
        }
        return Parsed(footer: footer, tagSets: tagSets, tagKeys: tagKeys, dictionaries: dictionaries, labels: labels,
                      tagValues: tagValues, raw: raw, aggregates: aggregates)
    }

    /// The day index starts at row 0, never goes back, ends at the row count, gives the first and
    /// last day rows, and its days lie within 0001-01-01...9999-12-31 (the dates an ingest can
    /// write; any other day would overflow the date arithmetic of queries).
    private static func checkDayIndex(_ starts: UnsafeBufferPointer<Int64>, rows: Int, firstDay: Int32, name: String,
                                      path: String) throws {
        func corrupt(_ reason: String) -> CacheError { .corrupt(path: path, reason: "\(name): \(reason)") }
        guard starts.count >= 1, starts[0] == 0, starts[starts.count - 1] == Int64(rows) else {
            throw corrupt("day index does not cover the rows")
        }
        for index in 1..<starts.count where starts[index] < starts[index - 1] {
            throw corrupt("day index goes back at day \(index)")
        }
        guard rows > 0 else { return }
        guard starts.count >= 2, starts[1] > 0, starts[starts.count - 2] < Int64(rows) else {
            throw corrupt("day index has no rows on its first or last day")
        }
        let lastDay = Int64(firstDay) + Int64(starts.count - 2)
        guard firstDay >= CacheFile.earliestDay, lastDay <= Int64(CacheFile.latestDay) else {
            throw corrupt("days outside 0001-01-01...9999-12-31 (day numbers \(firstDay)...\(lastDay))")
        }
    }

    /// Checks every block's checksum on two threads (opening a large cache is dominated by this).
    private static func firstChecksumMismatch(_ entries: [BlockEntry], in file: UnsafeRawBufferPointer) -> String? {
        let results = UnsafeMutablePointer<Bool>.allocate(capacity: entries.count)
        results.initialize(repeating: true, count: entries.count)
        defer { results.deallocate() }
        // Largest blocks first, dealt alternately, so both threads get about half the bytes.
        let order = entries.indices.sorted { entries[$0].length > entries[$1].length }
        let shared = SendablePointers(file: file, results: results)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            for position in stride(from: part, to: order.count, by: 2) {
                let entry = entries[order[position]]
                let bytes = UnsafeRawBufferPointer(rebasing: shared.file[entry.offset..<(entry.offset + entry.length)])
                shared.results[order[position]] = checksumText(bytes) == entry.checksum
            }
        }
        return entries.indices.first { !results[$0] }.map { entries[$0].name }
    }

    private struct SendablePointers: @unchecked Sendable {
        let file: UnsafeRawBufferPointer
        let results: UnsafeMutablePointer<Bool>
    }
}
