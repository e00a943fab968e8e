import CostCache
import CostModel

/// The billed and effective totals per currency of the rows written, summed a chunk at a time:
/// the summary's reconciliation line.
struct IngestTotals {
    private let currencies: [String]
    private var billed: [Int128]
    private var effective: [Int128]
    /// Whether any row holds the currency (a currency whose rows sum to zero is still listed).
    private var present: [Bool]

    init(frame: CacheContents) {
        currencies = frame.dictionaries[FixedDimension.currency.columnIndex]
        billed = [Int128](repeating: 0, count: currencies.count)
        effective = [Int128](repeating: 0, count: currencies.count)
        present = [Bool](repeating: false, count: currencies.count)
    }

    /// Sums the next rows (`chunk`: rows only).
    mutating func add(_ chunk: CacheContents) {
        let codes = chunk.dimensionCodes[FixedDimension.currency.columnIndex]
        let billedColumn = chunk.measures[Measure.billed.columnIndex]
        let effectiveColumn = chunk.measures[Measure.effective.columnIndex]
        for row in 0..<chunk.rowCount {
            let code = Int(codes[row])
            billed[code] += Int128(billedColumn[row])
            effective[code] += Int128(effectiveColumn[row])
            present[code] = true
        }
    }

    /// Per currency held by a row or with a non-zero total, by name (`(none)` for rows without one).
    var totals: [(currency: String, billed: Int128, effective: Int128)] {
        (0..<currencies.count)
            .filter { billed[$0] != 0 || effective[$0] != 0 || present[$0] }
            .map { (currencies[$0].isEmpty ? "(none)" : currencies[$0], billed[$0], effective[$0]) }
            .sorted { $0.currency < $1.currency }
    }
}
