import ByteStreams
import CostModel
import Dispatch
import Foundation

/// Reads every file to ingest on several threads and rolls the line items up into one builder.
///
/// Files are cut into chunks of about `IngestOptions.chunkBytes` where their container allows it
/// (plain CSV at line breaks); the rest (gzip) are one unit each. Each worker folds the units it reads into its own `RollupBuilder`, and
/// the builders are merged at the end. A guessed chunk start can fall on a line break inside a
/// quoted field; that shows once the chunk before is read (it does not end exactly there), and then
/// the whole read is done again with that file in one piece, so the result never depends on the cut.
/// Errors and rejects are reported in input order with their real line numbers.
struct ChunkedRead {
    /// A file to read and its size.
    struct Input {
        var path: String
        var size: Int64
    }

    /// What was read from one file.
    struct FileOutcome {
        var format: ExportFormat
        /// For an Azure EA or MCA export, its kind of cost and what told it.
        var azureKind: AzureCostKind?
        var lineItems: Int64 = 0
        var rejected: Int64 = 0
        var defaulted: [String] = []
    }

    let inputs: [Input]
    let options: IngestOptions
    let rejects: RejectsWriter
    let progress: (@Sendable (IngestProgress) -> Void)?

    /// Reads everything into the builder `makeBuilder` returns (it may already hold rows kept from an
    /// earlier cache; it is called again if the input must be read again).
    /// - Returns: the builder with every line item, one outcome per input, and the seconds spent
    ///   merging the threads' roll-ups.
    func run(makeBuilder: () throws -> RollupBuilder) throws -> (RollupBuilder, [FileOutcome], mergeSeconds: Double) {
        guard !inputs.isEmpty else { return (try makeBuilder(), [], 0) }
        let workers = max(1, min(options.workerThreads ?? ProcessInfo.processInfo.activeProcessorCount, 4))
        var splittable = inputs.map {
            workers > 1 && InputContainers.container(for: $0.path, among: options.containers)?.isSplittable(path: $0.path) == true
        }
        let unitBytes = inputs.map {
            InputContainers.container(for: $0.path, among: options.containers)?
                .unitBytes(path: $0.path, standard: options.chunkBytes) ?? options.chunkBytes
        }
        let tracker = progress.map {
            ProgressTracker(paths: inputs.map(\.path), bytesTotal: inputs.reduce(0) { $0 + $1.size }, report: $0)
        }
        while true {
            tracker?.reset()
            let units = WorkPlan.units(sizes: inputs.map(\.size), splittable: splittable, chunkBytes: unitBytes)
            let builders = [try makeBuilder()] + (1..<workers).map { _ in
                RollupBuilder(keepResources: options.keepResources, tagKeys: options.tagKeys)
            }
            let results = read(units, into: builders, tracker: tracker)
            let misplaced = ChunkedRead.misplacedCuts(units, results)
            if misplaced.isEmpty {
                let outcomes = try outcomes(units, results)
                return (builders[0], outcomes, try merge(builders))
            }
            for file in misplaced { splittable[file] = false }
        }
    }

    /// Adds every other thread's roll-up to the first (day tables on all threads); returns the seconds it took.
    private func merge(_ builders: [RollupBuilder]) throws -> Double {
        let clock = ContinuousClock()
        let started = clock.now
        for other in builders.dropFirst() {
            do { try builders[0].absorb(other, threads: builders.count) } catch {
                // A day's sum over several files overflowed: no single line is to blame.
                throw IngestError.input(path: options.paths.joined(separator: " "), reason: error.reason)
            }
        }
        return (clock.now - started).inSeconds
    }

    // MARK: - Reading

    /// What reading one unit gave.
    struct UnitResult {
        var rows = RowLoop.Result()
        /// Where the unit's first record started, and how many lines it read.
        var start: Int64 = 0
        var lines = 0
        /// The file's format and defaulted columns, once it was opened.
        var format: ExportFormat?
        var azureKind: AzureCostKind?
        var defaulted: [String] = []
    }

    /// Reads every unit, each thread into its own builder; results are indexed like `units`.
    private func read(_ units: [WorkUnit], into builders: [RollupBuilder], tracker: ProgressTracker?) -> [UnitResult] {
        let queue = WorkQueue(unitCount: units.count, workers: builders.count)
        var chunkCounts = [Int](repeating: 0, count: inputs.count)
        for unit in units { chunkCounts[unit.file] += 1 }
        let files = OpenedFiles(inputs: inputs, chunkCounts: chunkCounts, options: options)
        let results = ResultSlots(count: units.count)
        let shared = UncheckedSendable((builders: builders, units: units, options: options))
        DispatchQueue.concurrentPerform(iterations: builders.count) { worker in
            let (builders, units, options) = shared.value
            let builder = builders[worker]
            while let index = queue.next(worker: worker) {
                let unit = units[index]
                let result = ChunkedRead.read(unit, files: files, into: builder, options: options, tracker: tracker)
                if result.rows.error != nil { queue.stop(after: index) }
                results.slots[index] = result
                files.chunkDone(unit.file)
            }
        }
        return results.collect()
    }

    private static func read(_ unit: WorkUnit, files: OpenedFiles, into builder: RollupBuilder,
                             options: IngestOptions, tracker: ProgressTracker?) -> UnitResult {
        var result = UnitResult()
        let file: OpenedFile
        let reader: any RecordSource
        let stopAt: Int64?
        do {
            file = try files.file(unit.file)
            let first = unit.chunk == 0
            reader = try file.records(from: first ? 0 : file.input.boundary(after: unit.guessStart), first: first)
            stopAt = unit.guessEnd.map { file.input.boundary(after: $0) }
        } catch {
            result.rows.error = error
            return result
        }
        result.format = file.format
        result.azureKind = file.azureKind
        result.defaulted = file.adapter.defaultedColumns
        result.start = reader.nextRecordOffset
        builder.setSource(file.path)
        let loop = RowLoop(path: file.path, names: file.names, adapter: file.adapter, keepGoing: options.keepGoing,
                           progress: tracker, fileIndex: unit.file)
        result.rows = loop.run(reader, builder: builder, stopAt: stopAt)
        result.lines = reader.linesConsumed
        return result
    }

    // MARK: - Checking and reporting

    /// Files where a chunk read did not end exactly where the next chunk began: the guessed start was
    /// inside a quoted field, so that file's later chunks were read from a wrong place.
    static func misplacedCuts(_ units: [WorkUnit], _ results: [UnitResult]) -> Set<Int> {
        var misplaced: Set<Int> = []
        for index in units.indices.dropFirst() where units[index].chunk > 0 && !misplaced.contains(units[index].file) {
            let before = results[index - 1].rows
            // An earlier chunk that failed is reported as it is; chunks after it were not read.
            guard before.error == nil, results[index].format != nil || results[index].rows.error != nil else { continue }
            if before.stoppedAt != results[index].start { misplaced.insert(units[index].file) }
        }
        return misplaced
    }

    /// The per-file outcomes; throws the first error in input order, and writes rejects in order.
    private func outcomes(_ units: [WorkUnit], _ results: [UnitResult]) throws -> [FileOutcome] {
        var outcomes: [FileOutcome?] = Array(repeating: nil, count: inputs.count)
        var lineOffset = 0
        for (index, unit) in units.enumerated() {
            let result = results[index]
            if unit.chunk == 0 { lineOffset = 0 }
            if let error = result.rows.error {
                if case .row(let path, let line, let column, let name, let value, let reason) = error as? IngestError {
                    throw IngestError.row(path: path, line: line + lineOffset, column: column, columnName: name,
                                          value: value, reason: reason)
                }
                if let error = error as? CSVError {
                    var shifted = error
                    shifted.line += lineOffset
                    throw shifted
                }
                throw error
            }
            guard let format = result.format else { continue }
            var outcome = outcomes[unit.file] ?? FileOutcome(format: format, azureKind: result.azureKind, defaulted: result.defaulted)
            for reject in result.rows.rejects {
                try rejects.reject(file: inputs[unit.file].path, line: reject.line + lineOffset, column: reject.column,
                                   reason: reject.reason, raw: reject.raw)
            }
            outcome.lineItems += result.rows.lineItems
            outcome.rejected += Int64(result.rows.rejects.count)
            outcomes[unit.file] = outcome
            lineOffset += result.lines
        }
        return try outcomes.enumerated().map { index, outcome in
            guard let outcome else { throw IngestError.input(path: inputs[index].path, reason: "internal error: not read") }
            return outcome
        }
    }

    /// One result per unit, each written by the one worker that read the unit (raw memory: threads
    /// write different slots at once, which an Array's copy-on-write check would not allow).
    private final class ResultSlots: @unchecked Sendable {
        let slots: UnsafeMutablePointer<UnitResult>
        let count: Int
        init(count: Int) {
            self.count = count
            slots = .allocate(capacity: count)
            slots.initialize(repeating: UnitResult(), count: count)
        }
        deinit { slots.deinitialize(count: count).deallocate() }
        func collect() -> [UnitResult] { Array(UnsafeBufferPointer(start: slots, count: count)) }
    }
}
