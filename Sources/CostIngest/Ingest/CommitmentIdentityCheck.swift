import CostCache
import CostModel

/// Checks the amortization identity of every commitment after an ingest: the effective cost of the
/// usage it covered equals the used part of its commitment (so covered usage + unused part = the
/// amortized fee). Exports that break it get a warning in the summary: their effective cost would not
/// reconcile with the commitment's fee.
enum CommitmentIdentityCheck {
    /// Warnings for commitments whose covered usage and used commitment differ by more than a cent
    /// (and 0.1%), largest difference first, at most `limit`.
    static func warnings(_ contents: CacheContents, limit: Int = 5) -> [String] {
        let ids = contents.dictionaries[FixedDimension.commitment.columnIndex]
        guard ids.count > 1 else { return [] }
        let statusDictionary = contents.dictionaries[FixedDimension.commitmentStatus.columnIndex]
        let chargeDictionary = contents.dictionaries[FixedDimension.chargeCategory.columnIndex]
        guard let usedStatus = statusDictionary.firstIndex(of: "Used"),
              let usage = chargeDictionary.firstIndex(of: "Usage") else { return [] }
        let idColumn = contents.dimensionCodes[FixedDimension.commitment.columnIndex]
        let statusColumn = contents.dimensionCodes[FixedDimension.commitmentStatus.columnIndex]
        let chargeColumn = contents.dimensionCodes[FixedDimension.chargeCategory.columnIndex]
        let effective = contents.measures[Measure.effective.columnIndex]
        let used = contents.measures[Measure.commitmentUsed.columnIndex]
        let total = contents.measures[Measure.commitmentTotal.columnIndex]
        var coveredEffective = [Int128](repeating: 0, count: ids.count)
        var usedCommitment = [Int128](repeating: 0, count: ids.count)
        var hasFee = [Bool](repeating: false, count: ids.count)
        for row in 0..<contents.rowCount {
            let id = Int(idColumn[row])
            guard id != 0 else { continue }
            if Int(statusColumn[row]) == usedStatus && Int(chargeColumn[row]) == usage {
                coveredEffective[id] += Int128(effective[row])
            }
            usedCommitment[id] += Int128(used[row])
            if total[row] != 0 { hasFee[id] = true }
        }
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
