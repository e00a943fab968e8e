import CostCache
import CostModel

/// Refuses a cache holding an Azure actual-cost export and an amortized-cost export of the same
/// billing account and month: both list the same usage, so every total would count it twice.
/// Also notes files read as actual cost whose rows say amortized. It looks at the rows a chunk at
/// a time, in the order they are written (`add`), so the ingest never holds them all.
struct AzureKindCheck {
    private let frame: CacheContents
    /// Per source code: whether it was read as amortized (nil: not an Azure cost export).
    private let kindOfCode: [Bool?]
    /// Whether both kinds were read: only then can two files conflict.
    private let bothKinds: Bool
    private let unusedStatus: Int?
    private let actualFiles: Set<String>
    /// (billing account code, month) → the first file of each kind seen there.
    private var seen: [Int64: (actual: Int?, amortized: Int?)] = [:]
    /// Actual-cost files with unused commitment rows that carry a cost.
    private var flagged: Set<String> = []

    init(frame: CacheContents) {
        self.frame = frame
        var amortized: [String: Bool] = [:]
        var actualFiles: Set<String> = []
        for source in frame.sources {
            guard let kind = ExportFormat(rawValue: source.format)?.azureAmortized else { continue }
            amortized[source.path] = kind
            if !kind { actualFiles.insert(source.path) }
        }
        bothKinds = Set(amortized.values).count == 2
        kindOfCode = frame.dictionaries[FixedDimension.source.columnIndex].map { amortized[$0] }
        self.actualFiles = actualFiles
        unusedStatus = actualFiles.isEmpty
            ? nil : frame.dictionaries[FixedDimension.commitmentStatus.columnIndex].firstIndex(of: "Unused")
    }

    /// Looks at the next rows (`chunk`: rows only, after every row added before).
    /// - Throws: `IngestError.input` naming an amortized file, the actual file of the same period,
    ///   the month and the billing account.
    mutating func add(_ chunk: CacheContents) throws {
        let sourceCodes = chunk.dimensionCodes[FixedDimension.source.columnIndex]
        if let unusedStatus {
            let statusCodes = chunk.dimensionCodes[FixedDimension.commitmentStatus.columnIndex]
            let effective = chunk.measures[Measure.effective.columnIndex]
            let sourceNames = frame.dictionaries[FixedDimension.source.columnIndex]
            for row in 0..<chunk.rowCount where Int(statusCodes[row]) == unusedStatus && effective[row] != 0 {
                let path = sourceNames[Int(sourceCodes[row])]
                if actualFiles.contains(path) { flagged.insert(path) }
            }
        }
        guard bothKinds else { return }
        let accountCodes = chunk.dimensionCodes[FixedDimension.billingAccount.columnIndex]
        for row in 0..<chunk.rowCount {
            let code = Int(sourceCodes[row])
            guard let isAmortized = kindOfCode[code] else { continue }
            let month = Day(index: chunk.days[row]).monthIndex
            let key = Int64(accountCodes[row]) << 32 | Int64(month)
            var entry = seen[key] ?? (nil, nil)
            if isAmortized { entry.amortized = entry.amortized ?? code } else { entry.actual = entry.actual ?? code }
            seen[key] = entry
            if let actual = entry.actual, let amortizedFile = entry.amortized {
                throw conflict(amortized: amortizedFile, actual: actual, day: Day(index: chunk.days[row]),
                               account: Int(accountCodes[row]))
            }
        }
    }

    /// Files read as actual cost that hold `UnusedReservation` / `UnusedSavingsPlan` rows with a
    /// cost, which only amortized exports have: the header, manifest and path did not say
    /// amortized, but the rows do. A warning, not an error: the rows are read as the kind says.
    var warnings: [String] {
        flagged.sorted().map {
            "\($0) was read as an actual-cost Azure export but has unused reservation or savings plan rows, which "
                + "only amortized exports have; if it is amortized, put \"amortized\" in its file or folder name and ingest again"
        }
    }

    private func conflict(amortized amortizedFile: Int, actual: Int, day: Day, account accountCode: Int) -> IngestError {
        let sourceNames = frame.dictionaries[FixedDimension.source.columnIndex]
        let account = frame.dictionaries[FixedDimension.billingAccount.columnIndex][accountCode]
        return IngestError.input(
            path: sourceNames[amortizedFile],
            reason: "an amortized-cost Azure export of \(day.monthDescription)"
                + (account.isEmpty ? "" : " (billing account \(account))")
                + " in the same cache as the actual-cost export \(sourceNames[actual]): both list the same "
                + "usage, so it would count twice; ingest one kind per cache (the cache was left as it was). "
                + "Each file's kind was told \(AzureKindCheck.told(sourceNames[amortizedFile])) and "
                + "\(AzureKindCheck.told(sourceNames[actual])); "
                + "if one is wrong, rename its file or folder (docs/formats/azure.md)")
    }

    /// How a file's kind was most likely told, from what its path and folder show (the header is
    /// not at hand here; a header naming the kind is rare).
    private static func told(_ path: String) -> String {
        if AzureCostKind.manifestKind(besides: path) != nil { return "by its manifest.json" }
        if let (_, component) = AzureCostKind.pathKind(path) { return "by its path (\(component))" }
        return "by default"
    }
}
