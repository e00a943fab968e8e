import ByteStreams
import CostCache
import CostModel
import Foundation

/// Runs an ingest: discovers sources, keeps unchanged ones from the earlier cache, reads the rest,
/// rolls everything up to daily grain and writes the cache atomically.
///
/// The earlier cache is only replaced once the new one is complete, so any error leaves it as it was.
public struct Ingestor {
    private let options: IngestOptions
    private let progress: (@Sendable (IngestProgress) -> Void)?
    private let fileSystem: any FileSystem

    /// - Parameters:
    ///   - options: what to read and where to write.
    ///   - fileSystem: the cache's system-call funnel (tests inject failures).
    ///   - progress: called now and then while reading, then while writing the cache; nil for silence.
    public init(options: IngestOptions, fileSystem: any FileSystem = PosixFileSystem(),
                progress: (@Sendable (IngestProgress) -> Void)? = nil) {
        self.options = options
        self.fileSystem = fileSystem
        self.progress = progress
    }

    /// Ingests and writes the cache.
    /// - Returns: the summary.
    /// - Throws: `IngestError` for bad input, `CacheError` for cache problems, `ByteStreamError` or
    ///   `CSVError` for unreadable files.
    public func run() throws -> IngestSummary {
        let clock = ContinuousClock()
        let started = clock.now
        var phaseStarted = started
        var summary = IngestSummary()
        func phase(_ name: String) {
            let now = clock.now
            summary.phases.append((name, (now - phaseStarted).inSeconds))
            phaseStarted = now
        }
        summary.cachePath = options.cachePath
        let discovered = try SourceDiscovery.discover(options.paths, containers: options.containers)
        if let empty = discovered.emptyPaths.first, !options.allowEmpty { throw IngestError.nothingToRead(path: empty) }
        phase("find files")
        // Ingests of one cache take turns from here to the write: each reads the cache the one
        // before wrote, so no file's data is lost when a cron job meets a manual run.
        let lock = try CacheLock(cachePath: options.cachePath, fileSystem: fileSystem, wait: options.waitForLock,
                                 onWait: options.lockWaiting ?? { _ in })
        defer { lock.release() }
        summary.leftoversRemoved = lock.removeLeftovers()
        phase("lock")
        summary.filesSuperseded = discovered.superseded.count
        let settings = IngestSettings(keepResources: options.keepResources, tagKeys: options.tagKeys)

        let previous = try openPrevious(settings: settings)
        var previousSources: [String: SourceRecord] = [:]
        for source in previous?.footer.sources ?? [] { previousSources[source.path] = source }

        var sources: [SourceRecord] = []
        var toRead: [(path: String, size: Int64, mtime: Int64)] = []
        for path in discovered.files {
            let (size, mtime) = try fingerprint(path)
            if let old = previousSources[path], old.size == size, old.mtimeNanos == mtime {
                sources.append(old)
                summary.filesUnchanged += 1
            } else {
                toRead.append((path, size, mtime))
            }
        }
        let discoveredSet = Set(discovered.files)
        let roots = options.paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        for (path, source) in previousSources where !discoveredSet.contains(path) {
            // A source under a path given now but no longer found (deleted, or superseded by a restatement)
            // is removed; sources from other paths stay.
            if roots.contains(where: { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) {
                summary.sourcesRemoved += 1
            } else {
                sources.append(source)
            }
        }

        let rejects = RejectsWriter(path: options.rejectsPath ?? options.cachePath + ".rejects.csv")
        // A rejects file describes one run: a stale one from an earlier run would mislead.
        if options.keepGoing { try? FileManager.default.removeItem(atPath: rejects.path) }
        let read = ChunkedRead(inputs: toRead.map { ChunkedRead.Input(path: $0.path, size: $0.size) },
                               options: options, rejects: rejects, progress: progress)
        let (builder, outcomes, mergeSeconds) = try read.run {
            let builder = RollupBuilder(keepResources: options.keepResources, tagKeys: options.tagKeys)
            if let previous { try builder.merge(previous, keptSources: Set(sources.map(\.path))) }
            return builder
        }
        phase("read and roll up")
        summary.phases[summary.phases.count - 1].seconds -= mergeSeconds
        summary.phases.append(("merge threads", mergeSeconds))
        var defaulted: [String: Int] = [:]
        var formats: [String: Int] = [:]
        var azureKinds: [String: (format: String, how: String, files: Int)] = [:]
        for (file, outcome) in zip(toRead, outcomes) {
            if let kind = outcome.azureKind {
                let key = outcome.format.rawValue + "\u{0}" + kind.evidence.group
                var entry = azureKinds[key] ?? (outcome.format.rawValue, kind.evidence.description, 0)
                entry.files += 1
                azureKinds[key] = entry
            }
            sources.append(SourceRecord(path: file.path, size: file.size, mtimeNanos: file.mtime,
                                        format: outcome.format.rawValue, lineItems: outcome.lineItems,
                                        rejected: outcome.rejected))
            summary.filesRead += 1
            summary.lineItems += outcome.lineItems
            summary.rejected += outcome.rejected
            summary.bytesRead += file.size
            for column in outcome.defaulted { defaulted[column, default: 0] += 1 }
            formats[outcome.format.rawValue, default: 0] += 1
        }
        try rejects.close()
        if rejects.count > 0 { summary.rejectsPath = rejects.path }
        summary.formats = formats.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        summary.azureKinds = azureKinds.sorted { $0.key < $1.key }.map(\.value)
        summary.defaultedColumns = defaulted.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }

        sources.sort { $0.path < $1.path }
        // The rows are built, checked and written a few days at a time, each day's roll-up table
        // freed once its rows are in the file: the ingest never holds the roll-up and its columns
        // at once (docs/scale.md). What is decided over all rows comes first, from the tables.
        let frame = builder.frame(sources: sources, settings: settings)
        let months = RollupMonths(frame: frame, rowsPerDay: builder.rowsPerDay(),
                                  rowsBySource: { builder.rowsBySource(sources: $0) })
        summary.rollupMonthsReplaced = months.outcome.monthsReplaced
        if months.keptRows == 0 && !options.allowEmpty {
            throw IngestError.nothingToRead(path: options.paths.joined(separator: " "))
        }
        var azureKindCheck = AzureKindCheck(frame: frame)
        var commitments = CommitmentIdentityCheck(frame: frame)
        var totals = IngestTotals(frame: frame)
        var rowsWritten = 0
        let lineItems = summary.lineItems
        let rows = CacheRowChunks(rowCount: months.keptRows, days: months.keptDays) {
            // Writing a large roll-up takes a while (30 s at 100M rows): say how far it is.
            progress?(IngestProgress(file: options.cachePath, fileIndex: 0, fileCount: toRead.count, bytesDone: 0,
                                     bytesTotal: 0, lineItems: lineItems, rowsWritten: rowsWritten,
                                     rowsToWrite: months.keptRows))
            guard var chunk = builder.takeRows(rowLimit: options.writeChunkRows) else { return nil }
            months.filter(&chunk)
            try azureKindCheck.add(chunk)
            commitments.add(chunk)
            totals.add(chunk)
            rowsWritten += chunk.rowCount
            return chunk
        }
        try CacheWriter(fileSystem: fileSystem, createdBy: "costtop \(costtopVersion)").write(frame, rows: rows, to: options.cachePath)
        phase("write cache")  // the columns are built as they are written

        summary.cacheRows = months.keptRows
        if let days = months.keptDays {
            summary.days = DayRange(from: Day(index: days.lowerBound), to: Day(index: days.upperBound))
        }
        summary.totals = totals.totals
        summary.warnings = commitments.warnings() + azureKindCheck.warnings
        phase("summarize")
        summary.seconds = (clock.now - started).inSeconds
        return summary
    }

    private func openPrevious(settings: IngestSettings) throws -> CacheFile? {
        guard !options.fresh else { return nil }
        let cache: CacheFile
        do {
            cache = try CacheFile(path: options.cachePath, fileSystem: fileSystem)
        } catch CacheError.missing {
            return nil
        }
        guard cache.footer.settings == settings || cache.footer.sources.isEmpty else {
            throw IngestError.input(
                path: options.cachePath,
                reason: "this cache was built with other --resources/--tags settings; "
                    + "repeat them, or rebuild it with --fresh")
        }
        // Its rows are merged into the new cache: every row group is checked now.
        try cache.verifyAll()
        return cache
    }

    private func fingerprint(_ path: String) throws -> (Int64, Int64) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw IngestError.input(path: path, reason: String(cString: strerror(errno)))
        }
        let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return (Int64(info.st_size), mtime)
    }

}

/// The version recorded in caches and printed by `--version`.
public let costtopVersion = "0.1.0"
