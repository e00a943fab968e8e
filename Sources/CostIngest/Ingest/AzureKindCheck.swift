import CostCache
import CostModel

/// Refuses a cache holding an Azure actual-cost export and an amortized-cost export of the same
/// billing account and month: both list the same usage, so every total would count it twice.
enum AzureKindCheck {
    /// Files read as actual cost that hold `UnusedReservation` / `UnusedSavingsPlan` rows with a
    /// cost, which only amortized exports have: the header, manifest and path did not say
    /// amortized, but the rows do. A warning, not an error: the rows are read as the kind says.
    static func warnings(_ contents: CacheContents) -> [String] {
        var actualFiles: Set<String> = []
        for source in contents.sources where ExportFormat(rawValue: source.format)?.azureAmortized == false {
            actualFiles.insert(source.path)
        }
        guard !actualFiles.isEmpty,
              let unused = contents.dictionaries[FixedDimension.commitmentStatus.columnIndex].firstIndex(of: "Unused") else { return [] }
        let sourceNames = contents.dictionaries[FixedDimension.source.columnIndex]
        let sourceCodes = contents.dimensionCodes[FixedDimension.source.columnIndex]
        let statusCodes = contents.dimensionCodes[FixedDimension.commitmentStatus.columnIndex]
        let effective = contents.measures[Measure.effective.columnIndex]
        var flagged: Set<String> = []
        for row in 0..<contents.rowCount where Int(statusCodes[row]) == unused && effective[row] != 0 {
            let path = sourceNames[Int(sourceCodes[row])]
            if actualFiles.contains(path) { flagged.insert(path) }
        }
        return flagged.sorted().map {
            "\($0) was read as an actual-cost Azure export but has unused reservation or savings plan rows, which "
                + "only amortized exports have; if it is amortized, put \"amortized\" in its file or folder name and ingest again"
        }
    }


    /// How a file's kind was most likely told, from what its path and folder show (the header is
    /// not at hand here; a header naming the kind is rare).
    private static func told(_ path: String) -> String {
        if AzureCostKind.manifestKind(besides: path) != nil { return "by its manifest.json" }
        if let (_, component) = AzureCostKind.pathKind(path) { return "by its path (\(component))" }
        return "by default"
    }

    /// - Throws: `IngestError.input` naming an amortized file, the actual file of the same period,
    ///   the month and the billing account.
    static func check(_ contents: CacheContents) throws {
        var amortized: [String: Bool] = [:]
        for source in contents.sources {
            if let kind = ExportFormat(rawValue: source.format)?.azureAmortized { amortized[source.path] = kind }
        }
        guard Set(amortized.values).count == 2 else { return }
        let sourceNames = contents.dictionaries[FixedDimension.source.columnIndex]
        let sourceCodes = contents.dimensionCodes[FixedDimension.source.columnIndex]
        let accountCodes = contents.dimensionCodes[FixedDimension.billingAccount.columnIndex]
        let accounts = contents.dictionaries[FixedDimension.billingAccount.columnIndex]
        // (billing account code, month) → the first file of each kind seen there.
        var seen: [Int64: (actual: Int?, amortized: Int?)] = [:]
        let kindOfCode = sourceNames.map { amortized[$0] }
        for row in 0..<contents.rowCount {
            let code = Int(sourceCodes[row])
            guard let isAmortized = kindOfCode[code] else { continue }
            let month = Day(index: contents.days[row]).monthIndex
            let key = Int64(accountCodes[row]) << 32 | Int64(month)
            var entry = seen[key] ?? (nil, nil)
            if isAmortized { entry.amortized = entry.amortized ?? code } else { entry.actual = entry.actual ?? code }
            seen[key] = entry
            if let actual = entry.actual, let amortizedFile = entry.amortized {
                let day = Day(index: contents.days[row])
                let account = accounts[Int(accountCodes[row])]
                throw IngestError.input(
                    path: sourceNames[amortizedFile],
                    reason: "an amortized-cost Azure export of \(day.monthDescription)"
                        + (account.isEmpty ? "" : " (billing account \(account))")
                        + " in the same cache as the actual-cost export \(sourceNames[actual]): both list the same "
                        + "usage, so it would count twice; ingest one kind per cache (the cache was left as it was). "
                        + "Each file's kind was told \(told(sourceNames[amortizedFile])) and \(told(sourceNames[actual])); "
                        + "if one is wrong, rename its file or folder (docs/formats/azure.md)")
            }
        }
    }
}
