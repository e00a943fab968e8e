import CostModel

/// What to ingest and how.
public struct IngestOptions: Sendable {
    /// Files and folders to read.
    public var paths: [String]
    /// The cache file to create or update.
    public var cachePath: String
    /// Keep resource ids as a dimension (`--resources`).
    public var keepResources = false
    /// Tag keys to keep (`--tags`), nil for all.
    public var tagKeys: [String]?
    /// Reject invalid rows into a rejects file instead of stopping (`--keep-going`).
    public var keepGoing = false
    /// Where rejected rows go; defaults to `<cache>.rejects.csv`.
    public var rejectsPath: String?
    /// Ignore the existing cache and build from scratch (`--fresh`).
    public var fresh = false
    /// CSV record limits.
    public var limits = CSVLimits()
    /// Largest decompressed size accepted for one gzip file.
    public var maxDecompressedBytes: Int64 = 1 << 40
    /// Plain CSV files are cut into chunks of about this size, read by several threads (tests lower it).
    public var chunkBytes = 16 << 20
    /// About how many cache rows are built and written at a time (whole days; tests lower it). The
    /// cache is the same for any value.
    public var writeChunkRows = 1 << 21
    /// Threads that read the input; nil for one per processor, at most 4.
    public var workerThreads: Int?
    /// Wait for another ingest of the same cache to finish (false: fail at once, `--no-wait`).
    public var waitForLock = true
    /// Called once before waiting for another ingest's lock, with its pid when known.
    public var lockWaiting: (@Sendable (Int32?) -> Void)?
    /// Accept a path holding no export and write an empty cache (`--allow-empty`).
    public var allowEmpty = false
    /// The kinds of input file read, asked in order (tests add their own).
    public var containers: [any InputContainer] = InputContainers.standard

    public init(paths: [String], cachePath: String) {
        self.paths = paths
        self.cachePath = cachePath
    }
}

/// Progress of a running ingest, reported after each chunk of rows.
public struct IngestProgress: Sendable {
    /// A file being read (several are read at once).
    public var file: String
    /// Index of that file among those being read, and how many there are.
    public var fileIndex: Int
    public var fileCount: Int
    /// Bytes of all files to read consumed so far (compressed bytes for gzip), and their total size.
    public var bytesDone: Int64
    public var bytesTotal: Int64
    /// Line items read so far in this ingest.
    public var lineItems: Int64
    /// Once reading is done: the cache rows written so far (nil while reading), of `rowsToWrite`.
    public var rowsWritten: Int? = nil
    public var rowsToWrite = 0
}

/// What an ingest did, for the summary printed at the end.
public struct IngestSummary: Sendable {
    /// Files read in this run, and files kept from the earlier cache unchanged.
    public var filesRead = 0
    public var filesUnchanged = 0
    /// Temporary files of killed writers removed before this ingest wrote.
    public var leftoversRemoved: [String] = []
    /// Files left out because a later assembly of their billing period exists.
    public var filesSuperseded = 0
    /// Months of roll-up exports replaced by a later export of the same month (docs/rollup.md).
    public var rollupMonthsReplaced = 0
    /// Earlier sources dropped because their files are gone or superseded.
    public var sourcesRemoved = 0
    /// Line items read and rejected in this run.
    public var lineItems: Int64 = 0
    public var rejected: Int64 = 0
    /// Where rejects went, when there were any.
    public var rejectsPath: String?
    /// Bytes read from disk in this run.
    public var bytesRead: Int64 = 0
    /// Rows in the written cache and the days it covers.
    public var cacheRows = 0
    public var days: DayRange?
    /// Per currency (sorted by name): billed and effective totals over the whole cache, in nano-units.
    public var totals: [(currency: String, billed: Int128, effective: Int128)] = []
    /// The formats of the files read in this run (`aws-cur`, `gcp`, `azure-ea-amortized`, ...),
    /// each with its number of files, by name.
    public var formats: [(format: String, files: Int)] = []
    /// For Azure EA/MCA exports read in this run: per format and way the kind of cost was told
    /// (`from the path (EA_AmortizedCost_Small.csv)`, the first file's evidence), how many files.
    public var azureKinds: [(format: String, how: String, files: Int)] = []
    /// Optional columns missing from files, each with the default used and how many files lacked it.
    public var defaultedColumns: [(column: String, files: Int)] = []
    /// Data problems worth a look that did not stop the ingest (broken amortization identities).
    public var warnings: [String] = []
    /// Wall-clock seconds.
    public var seconds: Double = 0
    /// Wall-clock seconds of each phase, in order (`costtop ingest --timings`).
    public var phases: [(name: String, seconds: Double)] = []
    /// The cache file written.
    public var cachePath = ""
}
