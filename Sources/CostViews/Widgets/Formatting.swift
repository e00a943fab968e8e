import CostModel
import CostReports

/// Number formats of the explorer: compact enough for 80 columns, exact to the cent where shown.
enum Formatting {
    /// `$1,234.56`, or `$12.3k` / `$4.56M` when `compact` and large; the symbol only for
    /// currencies that have an unambiguous one (the code is in the header anyway).
    static func money(_ nanos: Int128, compact: Bool = false, symbol: String = "") -> String {
        let value = Double(nanos) / 1e9
        let sign = nanos < 0 ? "-" : ""
        let magnitude = abs(value)
        if compact && magnitude >= 1e6 { return sign + symbol + String(format: "%.2fM", magnitude / 1e6) }
        if compact && magnitude >= 1e5 { return sign + symbol + String(format: "%.1fk", magnitude / 1e3) }
        return sign + symbol + Money.groupedString(nanos < 0 ? -nanos : nanos)
    }

    /// The symbol shown before amounts of a currency, or "" (ASCII terminals get ASCII symbols only).
    static func symbol(_ currency: String?, unicode: Bool) -> String {
        switch currency {
        case "USD": return "$"
        case "EUR": return unicode ? "€" : ""
        case "GBP": return unicode ? "£" : ""
        case "JPY": return unicode ? "¥" : ""
        case "INR": return unicode ? "₹" : ""
        default: return ""
        }
    }

    /// The change with a symbol, so it reads without colour: `▲ 1,234.00`, `▼ 56.78`.
    static func delta(_ nanos: Int128, glyphs: Glyphs, compact: Bool = false, symbol: String = "") -> String {
        if nanos == 0 { return "0.00" }
        let magnitude = money(nanos < 0 ? -nanos : nanos, compact: compact, symbol: symbol)
        return (nanos > 0 ? glyphs.up : glyphs.down) + " " + magnitude
    }

    /// `+12.3%`, `-4.0%`, `new` when there was nothing before.
    static func percent(_ cost: Int128, _ previous: Int128) -> String {
        if previous == 0 { return cost == 0 ? "" : "new" }
        let value = Double(cost - previous) / Double(abs(previous)) * 100
        if abs(value) >= 1000 { return value > 0 ? ">+999%" : "<-999%" }
        return (value > 0 ? "+" : "") + String(format: "%.1f%%", value)
    }

    /// A horizontal bar of `fraction` (0...1) of `width` cells, in eighths.
    static func bar(_ fraction: Double, width: Int, glyphs: Glyphs) -> String {
        guard width > 0, fraction > 0 else { return "" }
        let eighths = Int((min(1, fraction) * Double(width * 8)).rounded())
        var text = String(repeating: glyphs.full, count: eighths / 8)
        let rest = eighths % 8
        if rest > 0, !glyphs.barEighths[rest - 1].isEmpty { text += glyphs.barEighths[rest - 1] }
        if text.isEmpty { text = glyphs.barEighths[0].isEmpty ? glyphs.full : glyphs.barEighths[0] }
        return text
    }

    /// A sparkline of the values, resampled to `width` cells.
    static func sparkline(_ values: [Int128], width: Int, glyphs: Glyphs) -> String {
        guard width > 0, !values.isEmpty else { return "" }
        let buckets: [Double] = days(perCell: values.count, width: width).map { days in
            values[days].reduce(0.0) { $0 + Double($1) } / Double(days.count)
        }
        let low = min(0, buckets.min() ?? 0)
        let high = buckets.max() ?? 0
        guard high > low else { return String(repeating: glyphs.spark[0], count: buckets.count) }
        return buckets.map { value in
            let level = Int(((value - low) / (high - low) * 7).rounded())
            return glyphs.spark[max(0, min(7, level))]
        }.joined()
    }

    /// A unit cost (currency units per unit of a business metric) as `query --per` writes it:
    /// cents from 1, four decimals below (a cost per request is a fraction of a cent); — without
    /// a volume.
    static func unitCost(_ value: Double?, symbol: String) -> String {
        guard let value else { return "—" }
        let text = NumberText.unitCost(value)
        return text.hasPrefix("-") ? "-" + symbol + text.dropFirst() : symbol + text
    }

    /// A sparkline of daily values that may be missing (unit costs on days without volume): cells
    /// average the days they stand for that have a value; a cell with none is blank.
    static func sparkline(_ values: [Double?], width: Int, glyphs: Glyphs) -> String {
        guard width > 0, !values.isEmpty else { return "" }
        let buckets: [Double?] = days(perCell: values.count, width: width).map { days in
            let present = values[days].compactMap { $0 }
            return present.isEmpty ? nil : present.reduce(0, +) / Double(present.count)
        }
        let known = buckets.compactMap { $0 }
        let low = min(0, known.min() ?? 0), high = known.max() ?? 0
        return buckets.map { value in
            guard let value else { return " " }
            guard high > low else { return glyphs.spark[0] }
            return glyphs.spark[max(0, min(7, Int(((value - low) / (high - low) * 7).rounded())))]
        }.joined()
    }

    /// The days each cell of a resampled chart stands for: `count` days over at most `width`
    /// cells, one day per cell when they fit. Sparklines and the anomaly marks on them share it,
    /// so a mark lands on the cell that drew its day.
    static func days(perCell count: Int, width: Int) -> [Range<Int>] {
        let cells = min(width, count)
        guard cells > 0 else { return [] }
        return (0..<cells).map { cell in
            let start = cell * count / cells
            return start..<max(start + 1, (cell + 1) * count / cells)
        }
    }

    /// The cells of a resampled chart of `count` days over `width` cells that show a day in `marked`.
    static func markedCells(_ marked: [ClosedRange<Int>], count: Int, width: Int) -> [Int] {
        guard !marked.isEmpty else { return [] }
        return days(perCell: count, width: width).enumerated().compactMap { cell, days in
            marked.contains { $0.overlaps(days.lowerBound...(days.upperBound - 1)) } ? cell : nil
        }
    }
}
