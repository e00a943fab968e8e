import ByteStreams
import CostModel
import Dispatch
import Synchronization

/// Reads one export file into a `RollupBuilder`: header, format detection, then every row.
///
/// A large uncompressed file is read by two threads: the second starts at a line break near the
/// middle with its own builder. When the first thread reaches that point at a record boundary, the
/// halves are joined (rows absorbed, line numbers shifted); when the guess fell inside a quoted field,
/// the second half is thrown away and the first thread simply reads on, so the result never depends on
/// the split.
struct FileIngest {
    let path: String
    let options: IngestOptions
    let builder: RollupBuilder
    let rejects: RejectsWriter
    let progress: (@Sendable (IngestProgress) -> Void)?
    let fileIndex: Int
    let fileCount: Int
    let fileSize: Int64
    let lineItemsBefore: Int64

    struct Outcome {
        var format: ExportFormat
        var lineItems: Int64 = 0
        var rejected: Int64 = 0
        var defaulted: [String] = []
    }

    func run() throws -> Outcome {
        let compressed = path.hasSuffix(".gz")
        // Plain files are parsed in place from a private mapping (no copy out of the page cache);
        // gzip files stream through a decompressor.
        let mapping = !compressed && fileSize > 0 ? try MappedFile(path: path) : nil
        let reader = try mapping.map { CSVReader(mapping: $0, from: 0, to: $0.count, limits: options.limits) }
            ?? CSVReader(source: openByteSource(path: path, maxDecompressedBytes: options.maxDecompressedBytes),
                         path: path, limits: options.limits)
        guard try reader.next() else { throw IngestError.input(path: path, reason: "empty file: no header row") }
        let names = (0..<reader.fieldCount).map { reader.string($0) }
        let adapter: any ExportAdapter
        let format: ExportFormat
        do {
            let header = try HeaderIndex(names)
            format = try ExportFormat.detect(header)
            adapter = try format.makeAdapter(header)
        } catch {
            if let column = error.column {
                throw IngestError.row(path: path, line: reader.line, column: column, columnName: nil,
                                      value: error.value, reason: error.reason)
            }
            throw IngestError.input(path: path, reason: error.reason)
        }
        var outcome = Outcome(format: format, defaulted: adapter.defaultedColumns)
        builder.setSource(path)
        let rows = RowLoop(path: path, names: names, adapter: adapter, keepGoing: options.keepGoing, progress: progress,
                           fileIndex: fileIndex, fileCount: fileCount, fileSize: fileSize, lineItemsBefore: lineItemsBefore)

        let split = mapping.flatMap { $0.count >= options.parallelSplitBytes && ProcessInfo.processInfo.activeProcessorCount >= 2
            ? FileIngest.secondHalfStart(of: $0) : nil }
        guard let split, let mapping else {
            let first = rows.run(reader, builder: builder, stopAt: nil, reportProgress: true)
            try finish(first, lineOffset: 0, into: &outcome)
            return outcome
        }

        let second = RollupBuilder(keepResources: options.keepResources, tagKeys: options.tagKeys)
        second.setSource(path)
        let secondReader = CSVReader(mapping: mapping, from: Int(split), to: mapping.count, limits: options.limits)
        let results = Results()
        let builderA = UncheckedSendable(builder)
        let builderB = UncheckedSendable(second)
        let readerA = UncheckedSendable(reader)
        let readerB = UncheckedSendable(secondReader)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                results.first = rows.run(readerA.value, builder: builderA.value, stopAt: split, reportProgress: true)
            } else {
                results.second = rows.run(readerB.value, builder: builderB.value, stopAt: nil, reportProgress: false)
            }
        }
        let first = results.first!
        if first.stoppedAt == split {
            // The first half ended exactly where the second began: join them.
            try finish(first, lineOffset: 0, into: &outcome)
            try finish(results.second!, lineOffset: reader.line - 1, into: &outcome)
            do { try builder.absorb(second) } catch {
                throw IngestError.row(path: path, line: 0, column: nil, columnName: nil, value: "", reason: error.reason)
            }
        } else {
            // The split point fell inside a quoted field: read on from where the first half stopped.
            try finish(first, lineOffset: 0, into: &outcome)
            if first.error == nil {
                let rest = rows.run(reader, builder: builder, stopAt: nil, reportProgress: true)
                try finish(rest, lineOffset: 0, into: &outcome)
            }
        }
        return outcome
    }

    /// Applies one part's results: its first error stops the ingest, its rejects go to the rejects file.
    private func finish(_ part: RowLoop.Result, lineOffset: Int, into outcome: inout Outcome) throws {
        if let error = part.error {
            if case .row(let path, let line, let column, let name, let value, let reason) = error as? IngestError {
                throw IngestError.row(path: path, line: line + lineOffset, column: column, columnName: name,
                                      value: value, reason: reason)
            }
            throw error
        }
        for reject in part.rejects {
            try rejects.reject(file: path, line: reject.line + lineOffset, column: reject.column,
                               reason: reject.reason, raw: reject.raw)
        }
        outcome.lineItems += part.lineItems
        outcome.rejected += Int64(part.rejects.count)
    }

    /// The offset just after the first line break past the middle of the file, or nil.
    private static func secondHalfStart(of mapping: MappedFile) -> Int64? {
        let bytes = mapping.base.assumingMemoryBound(to: UInt8.self)
        var offset = mapping.count / 2
        while offset < mapping.count - 1 {
            if bytes[offset] == 0x0A { return Int64(offset + 1) }
            offset += 1
        }
        return nil
    }

    private final class Results: @unchecked Sendable {
        var first: RowLoop.Result?
        var second: RowLoop.Result?
    }
}

import Foundation
