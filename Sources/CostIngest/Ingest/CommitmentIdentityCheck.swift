import CostCache
import CostModel

/// Checks the amortization identity of every commitment after an ingest: the effective cost of the
/// usage it covered equals the used part of its commitment (so covered usage + unused part = the
/// amortized fee). Exports that break it get a warning in the summary: their effective cost would not
/// reconcile with the commitment's fee. Sums the rows a chunk at a time, as they are written (`add`).
struct CommitmentIdentityCheck {
    private let ids: [String]
    /// The codes of status `Used` and charge category `Usage` (nil: no row can be covered usage).
    private let codes: (used: Int, usage: Int)?
    private var coveredEffective: [Int128]
    private var usedCommitment: [Int128]
    private var hasFee: [Bool]

    init(frame: CacheContents) {
        ids = frame.dictionaries[FixedDimension.commitment.columnIndex]
        let statusDictionary = frame.dictionaries[FixedDimension.commitmentStatus.columnIndex]
        let chargeDictionary = frame.dictionaries[FixedDimension.chargeCategory.columnIndex]
        if ids.count > 1, let used = statusDictionary.firstIndex(of: "Used"), let usage = chargeDictionary.firstIndex(of: "Usage") {
            codes = (used, usage)
        } else {
            codes = nil
        }
        coveredEffective = [Int128](repeating: 0, count: ids.count)
        usedCommitment = [Int128](repeating: 0, count: ids.count)
        hasFee = [Bool](repeating: false, count: ids.count)
    }

    /// Sums the next rows (`chunk`: rows only).
    mutating func add(_ chunk: CacheContents) {
        guard let (usedStatus, usage) = codes else { return }
        let idColumn = chunk.dimensionCodes[FixedDimension.commitment.columnIndex]
        let statusColumn = chunk.dimensionCodes[FixedDimension.commitmentStatus.columnIndex]
        let chargeColumn = chunk.dimensionCodes[FixedDimension.chargeCategory.columnIndex]
        let effective = chunk.measures[Measure.effective.columnIndex]
        let used = chunk.measures[Measure.commitmentUsed.columnIndex]
        let total = chunk.measures[Measure.commitmentTotal.columnIndex]
        for row in 0..<chunk.rowCount {
            let id = Int(idColumn[row])
            guard id != 0 else { continue }
            if Int(statusColumn[row]) == usedStatus && Int(chargeColumn[row]) == usage {
                coveredEffective[id] += Int128(effective[row])
            }
            usedCommitment[id] += Int128(used[row])
            if total[row] != 0 { hasFee[id] = true }
        }
    }

    /// Warnings for commitments whose covered usage and used commitment differ by more than a cent
    /// (and 0.1%), largest difference first, at most `limit`.
    func warnings(limit: Int = 5) -> [String] {
        guard codes != nil else { return [] }
        var problems: [(Int128, String)] = []
        for id in 1..<ids.count where hasFee[id] {
            let difference = abs(coveredEffective[id] - usedCommitment[id])
            let tolerance = max(Int128(10_000_000), abs(usedCommitment[id]) / 1000)
            if difference > tolerance {
                problems.append((difference, "commitment \(ids[id]): covered usage costs \(Money.groupedString(coveredEffective[id])) "
                                 + "effective, but its used commitment is \(Money.groupedString(usedCommitment[id]))"))
            }
        }
        return problems.sorted { $0.0 > $1.0 }.prefix(limit).map(\.1)
    }
}
