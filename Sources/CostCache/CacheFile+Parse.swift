import Dispatch
import CostModel
import Foundation

extension CacheFile {
    struct Parsed {
        var footer: CacheFooter
        var days: UnsafeBufferPointer<Int32>
        var tagSetCodes: UnsafeBufferPointer<UInt32>
        var tagSets: UnsafeBufferPointer<UInt32>
        var tagKeys: [String]
        var dimensionColumns: [UnsafeBufferPointer<UInt32>]
        var dictionaries: [StringTable]
        var labels: [StringTable?]
        var tagValues: [StringTable]
        var measures: [UnsafeBufferPointer<Int64>]
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

        var blocks: [String: UnsafeRawBufferPointer] = [:]
        for entry in footer.blocks {
            guard entry.offset >= CacheFormat.headerSize, entry.length >= 0,
                  entry.offset % CacheFormat.alignment == 0,
                  entry.offset <= footerOffset, entry.length <= footerOffset - entry.offset
            else { throw corrupt("block \(entry.name) out of bounds") }
            blocks[entry.name] = UnsafeRawBufferPointer(rebasing: file[entry.offset..<(entry.offset + entry.length)])
        }
        if let damaged = firstChecksumMismatch(footer.blocks, in: file) {
            throw corrupt("checksum mismatch in block \(damaged)")
        }

        let rows = footer.rowCount
        func column<T>(_ name: String, _ type: T.Type, count: Int) throws -> UnsafeBufferPointer<T> {
            guard let bytes = blocks[name] else { throw corrupt("missing block \(name)") }
            let (expected, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
            guard count >= 0, !overflow, bytes.count == expected else {
                throw corrupt("block \(name) holds \(bytes.count) bytes, not \(count) values")
            }
            guard count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: bytes.baseAddress!.assumingMemoryBound(to: T.self), count: count)
        }
        func table(_ name: String) throws -> StringTable {
            guard let bytes = blocks[name] else { throw corrupt("missing block \(name)") }
            do { return try StringTable(block: bytes) } catch let failure as StringTable.TableError {
                throw corrupt("\(name): \(failure.reason)")
            } catch { throw corrupt("\(name): \(error)") }
        }

        let days = try column("day", Int32.self, count: rows)
        for index in 1..<max(1, rows) where days[index] < days[index - 1] {
            throw corrupt("rows are not sorted by day at row \(index)")
        }
        // An ingest only writes dates of years 1-9999 (what `Day(year:month:day:)` accepts). A day
        // outside them is damage, and would trap the date arithmetic of every query (found by
        // fuzzing: Int32.min crashed every subcommand, a year before 1 grouping by month). The
        // rows are sorted, so the first and last day bound them all.
        if rows > 0, days[0] < CacheFile.earliestDay || days[rows - 1] > CacheFile.latestDay {
            throw corrupt("days outside 0001-01-01...9999-12-31 (day numbers \(days[0])...\(days[rows - 1]))")
        }
        var dimensionColumns: [UnsafeBufferPointer<UInt32>] = []
        var dictionaries: [StringTable] = []
        var labels: [StringTable?] = []
        for dimension in FixedDimension.allCases {
            let codes = try column("dim:\(dimension.rawValue)", UInt32.self, count: rows)
            let dictionary = try table("dict:\(dimension.rawValue)")
            try checkCodes(codes, below: dictionary.count, name: dimension.rawValue, path: path)
            dimensionColumns.append(codes)
            dictionaries.append(dictionary)
            labels.append(blocks["labels:\(dimension.rawValue)"] == nil ? nil : try table("labels:\(dimension.rawValue)"))
        }
        let tagKeys = try table("tagkeys").all
        guard tagKeys.count == footer.tagKeyCount, footer.tagSetCount >= 1 else { throw corrupt("tag directory inconsistent") }
        let tagSetCodes = try column("tagset", UInt32.self, count: rows)
        try checkCodes(tagSetCodes, below: footer.tagSetCount, name: "tagset", path: path)
        let (tagSetValues, tagSetsOverflow) = footer.tagSetCount.multipliedReportingOverflow(by: tagKeys.count)
        guard !tagSetsOverflow, rows >= 0 else { throw corrupt("tag directory inconsistent") }
        let tagSets = try column("tagsets", UInt32.self, count: tagSetValues)
        var tagValues: [StringTable] = []
        for keyIndex in 0..<tagKeys.count {
            let values = try table("tagdict:\(keyIndex)")
            for set in 0..<footer.tagSetCount where tagSets[set * tagKeys.count + keyIndex] >= values.count {
                throw corrupt("tag set \(set) refers to a value outside tag key \(tagKeys[keyIndex])")
            }
            tagValues.append(values)
        }
        var measures: [UnsafeBufferPointer<Int64>] = []
        for measure in Measure.allCases {
            measures.append(try column("measure:\(measure.rawValue)", Int64.self, count: rows))
        }
        return Parsed(footer: footer, days: days, tagSetCodes: tagSetCodes, tagSets: tagSets, tagKeys: tagKeys,
                      dimensionColumns: dimensionColumns, dictionaries: dictionaries, labels: labels,
                      tagValues: tagValues, measures: measures)
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

    private static func checkCodes(_ codes: UnsafeBufferPointer<UInt32>, below limit: Int, name: String,
                                   path: String) throws {
        // One pass, max reduction: cheap enough to run on every open and lets the engine skip bounds checks.
        var highest: UInt32 = 0
        for code in codes where code > highest { highest = code }
        if !codes.isEmpty, Int(highest) >= limit {
            throw CacheError.corrupt(path: path, reason: "column \(name) holds code \(highest) outside its dictionary of \(limit)")
        }
    }
}
